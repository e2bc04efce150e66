/** The new first password an admin gave a staff account (the TOTP stays): shown once, closed only on purpose. */
import { Descriptions, Typography } from 'antd';
import { useCatalog } from '../../../lib/i18n.js';
import { adminCatalog } from '../catalog.js';
import { ShownOnceModal } from './ShownOnceModal.js';

export interface GivenPassword {
  name: string;
  password: string;
}

export function PasswordModal({ given, onClose }: { given: GivenPassword | null; onClose: () => void }) {
  const { t } = useCatalog(adminCatalog);
  return (
    <ShownOnceModal
      open={given !== null}
      title={t('staff.passwordTitle', { name: given?.name ?? '' })}
      warning={t('staff.passwordOnce')}
      onClose={onClose}
    >
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('staff.initialPassword')}>
          <Typography.Text code copyable data-testid="reset-password-value">
            {given?.password}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
    </ShownOnceModal>
  );
}
