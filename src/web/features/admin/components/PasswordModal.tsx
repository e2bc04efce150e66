/** The new first password an admin gave a staff account (the TOTP stays): shown once, closed only on purpose. */
import { Alert, Button, Descriptions, Modal, Typography } from 'antd';
import { useCatalog } from '../../../lib/i18n.js';
import { adminCatalog } from '../catalog.js';

export interface GivenPassword {
  name: string;
  password: string;
}

export function PasswordModal({ given, onClose }: { given: GivenPassword | null; onClose: () => void }) {
  const { t } = useCatalog(adminCatalog);
  return (
    <Modal
      open={given !== null}
      title={t('staff.passwordTitle', { name: given?.name ?? '' })}
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
      {given && (
        <>
          <Alert type="warning" showIcon title={t('staff.passwordOnce')} style={{ marginBottom: 12 }} />
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('staff.initialPassword')}>
              <Typography.Text code copyable data-testid="reset-password-value">
                {given.password}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
        </>
      )}
    </Modal>
  );
}
