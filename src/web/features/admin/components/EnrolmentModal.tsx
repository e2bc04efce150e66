/** The TOTP enrolment (and first password) of a new or reset staff account: shown once, closed only on purpose. */
import { Descriptions, Typography } from 'antd';
import { useCatalog } from '../../../lib/i18n.js';
import { adminCatalog } from '../catalog.js';
import { ShownOnceModal } from './ShownOnceModal.js';

export interface Enrolment {
  name: string;
  qrDataUrl: string;
  secret: string;
  initialPassword?: string;
}

export function EnrolmentModal({ enrolment, onClose }: { enrolment: Enrolment | null; onClose: () => void }) {
  const { t } = useCatalog(adminCatalog);
  return (
    <ShownOnceModal
      open={enrolment !== null}
      title={t('staff.enrolTitle', { name: enrolment?.name ?? '' })}
      warning={t('staff.enrolOnce')}
      onClose={onClose}
    >
      <div style={{ textAlign: 'center' }}>
        <img
          src={enrolment?.qrDataUrl}
          alt={t('staff.qrAlt')}
          width={240}
          height={240}
          data-testid="totp-qr"
          style={{ maxWidth: '100%', height: 'auto' }}
        />
      </div>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('staff.secret')}>
          <Typography.Text code copyable data-testid="totp-secret" style={{ wordBreak: 'break-all' }}>
            {enrolment?.secret}
          </Typography.Text>
        </Descriptions.Item>
        {enrolment?.initialPassword && (
          <Descriptions.Item label={t('staff.initialPassword')}>
            <Typography.Text code copyable data-testid="initial-password">
              {enrolment?.initialPassword}
            </Typography.Text>
          </Descriptions.Item>
        )}
      </Descriptions>
    </ShownOnceModal>
  );
}
