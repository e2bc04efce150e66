/** The TOTP enrolment (and first password) of a new or reset staff account: shown once, closed only on purpose. */
import { Alert, Button, Descriptions, Modal, Typography } from 'antd';
import { useCatalog } from '../../../lib/i18n.js';
import { adminCatalog } from '../catalog.js';

export interface Enrolment {
  name: string;
  qrDataUrl: string;
  secret: string;
  initialPassword?: string;
}

export function EnrolmentModal({ enrolment, onClose }: { enrolment: Enrolment | null; onClose: () => void }) {
  const { t } = useCatalog(adminCatalog);
  return (
    <Modal
      open={enrolment !== null}
      title={t('staff.enrolTitle', { name: enrolment?.name ?? '' })}
      closable={false}
      maskClosable={false}
      keyboard={false}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={onClose}>
          {t('common.close')}
        </Button>
      }
    >
      {enrolment && (
        <>
          <Alert type="warning" showIcon title={t('staff.enrolOnce')} style={{ marginBottom: 12 }} />
          <div style={{ textAlign: 'center' }}>
            <img
              src={enrolment.qrDataUrl}
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
                {enrolment.secret}
              </Typography.Text>
            </Descriptions.Item>
            {enrolment.initialPassword && (
              <Descriptions.Item label={t('staff.initialPassword')}>
                <Typography.Text code copyable data-testid="initial-password">
                  {enrolment.initialPassword}
                </Typography.Text>
              </Descriptions.Item>
            )}
          </Descriptions>
        </>
      )}
    </Modal>
  );
}
