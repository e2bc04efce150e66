/**
 * antd's message and modal hooks, mounted by FeedbackHost (lib/feedback.tsx) when the app first needs them: this
 * module and what it imports are not part of the first load.
 */
import { Modal, message } from 'antd';
import { useEffect } from 'react';
import { feedbackReady } from './feedback.js';

export function FeedbackHolders() {
  const [messageApi, messageHolder] = message.useMessage();
  const [modalApi, modalHolder] = Modal.useModal();
  useEffect(() => {
    feedbackReady({ message: messageApi, modal: modalApi });
    return () => feedbackReady(null);
  }, [messageApi, modalApi]);
  return (
    <>
      {modalHolder}
      {messageHolder}
    </>
  );
}
