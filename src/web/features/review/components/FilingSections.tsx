/**
 * Every field of 附件1 as staff see it, in the one filing view the applicant confirmed (components/filing/FilingView):
 * personal values masked as the server sends them, until a reviewer asks to see them with a reason (logged on the
 * server), and then the revealed values.
 */
import { EyeOutlined } from '@ant-design/icons';
import { Button, Space, Tag, Typography } from 'antd';
import { type ReactNode, Suspense, useState } from 'react';
import { FilingView, type PersonalPath } from '../../../components/filing/FilingView.js';
import { lazyComponent, useOpenedOnce } from '../../../lib/chunks.js';
import { useMessages } from '../../../lib/i18n.js';
import type { RevealedPersonal, ReviewFiling } from '../api/review.js';
import { REVIEW_MESSAGES } from '../messages.js';

/** The dialog that asks for the reason: loaded when first opened. */
const RevealModal = lazyComponent(async () => (await import('./RevealModal.js')).RevealModal);

function revealedValue(r: RevealedPersonal, path: PersonalPath): string | undefined {
  if (path === 'sponsor.name') return r.sponsor.name;
  if (path === 'sponsor.idNumber') return r.sponsor.idNumber;
  const [, role, key] = path.split('.') as ['people', 'principal' | 'contact', 'name' | 'mobile' | 'email'];
  return r.people?.[role]?.[key];
}

export function FilingSections({ filing }: { filing: Pick<ReviewFiling, 'id' | 'data' | 'allowedActions'> }) {
  const m = useMessages(REVIEW_MESSAGES);
  const [revealed, setRevealed] = useState<RevealedPersonal | null>(null);
  const [asking, setAsking] = useState(false);
  const revealMounted = useOpenedOnce(asking);
  const canReveal = filing.allowedActions.includes('reveal');

  const empty = <Typography.Text type="secondary">{m.notFilled}</Typography.Text>;
  /** A personal value: masked as sent, or the revealed one, marked so nobody mistakes which is which. */
  const personal = (path: PersonalPath, masked: string | undefined): ReactNode => {
    if (revealed) {
      const full = revealedValue(revealed, path);
      return full ? <Typography.Text mark>{full}</Typography.Text> : empty;
    }
    if (!masked) return empty;
    // Names are sent as they are (staff need them); numbers, phones and emails masked.
    if (path.endsWith('.name')) return masked;
    return (
      <Space size={4}>
        <span>{masked}</span>
        <Tag bordered={false}>{m.masked}</Tag>
      </Space>
    );
  };

  const revealButton = revealed ? (
    <Tag color="gold" icon={<EyeOutlined />}>
      {m.revealed}
    </Tag>
  ) : canReveal ? (
    <Button size="small" icon={<EyeOutlined />} onClick={() => setAsking(true)}>
      {m.reveal}
    </Button>
  ) : null;

  return (
    <div data-testid="filing-sections">
      <FilingView data={filing.data} personal={personal} extra={{ sponsor: revealButton, people: revealButton }} />
      <Suspense fallback={null}>
        {revealMounted && (
          <RevealModal
            open={asking}
            filingId={filing.id}
            onClose={() => setAsking(false)}
            onRevealed={(r) => {
              setRevealed(r);
              setAsking(false);
            }}
          />
        )}
      </Suspense>
    </div>
  );
}
