/** A dialog holding a secret shown once (a first password, a TOTP enrolment): closed only by its button, on purpose. */
import { Alert, Button, Modal } from 'antd';
import type { ReactNode } from 'react';
import { useCatalog } from '../../../lib/i18n.js';
import { adminCatalog } from '../catalog.js';

export function ShownOnceModal(props: {
  open: boolean;
  title: string;
  warning: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const { t } = useCatalog(adminCatalog);
  return (
    <Modal
      open={props.open}
      title={props.title}
      closable={false}
      maskClosable={false}
      keyboard={false}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={props.onClose}>
          {t('common.close')}
        </Button>
      }
    >
      {props.open && (
        <>
          <Alert type="warning" showIcon title={props.warning} style={{ marginBottom: 12 }} />
          {props.children}
        </>
      )}
    </Modal>
  );
}
