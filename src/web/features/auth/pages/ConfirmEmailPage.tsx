/** The page the sign-up mail links to: `/confirm-email#token=…` makes the account, signs in and opens the filings. */
import { Alert, Card, Spin, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { Link, useNavigate } from 'react-router';
import { signUpCatalog } from '../../../../shared/i18n/locales/signUp.js';
import { paths } from '../../../config/paths.js';
import { useCatalog } from '../../../lib/i18n.js';
import { useConfirmEmail } from '../api/auth.js';

/** The token travels in the fragment, which the browser never sends to a server. */
function tokenFromHash(hash: string): string | null {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token');
}

export function ConfirmEmailPage() {
  const { t } = useCatalog(signUpCatalog);
  const confirm = useConfirmEmail();
  const navigate = useNavigate();
  const token = tokenFromHash(window.location.hash);
  const sent = useRef(false);
  useEffect(() => {
    if (!token || sent.current) return;
    sent.current = true;
    confirm.mutate(token, { onSuccess: () => navigate(paths.filings, { replace: true }) });
  }, [token, confirm, navigate]);
  return (
    <Card style={{ maxWidth: 480, margin: '48px auto' }}>
      <Typography.Title level={3}>{t('confirmTitle')}</Typography.Title>
      {!token && <Alert type="error" showIcon title={t('noToken')} role="alert" />}
      {token && confirm.isError && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t('confirmFailed')}
          description={<Link to={paths.register}>{t('tryAgain')}</Link>}
        />
      )}
      {token && !confirm.isError && <Spin tip={t('confirming')}>{t('confirming')}</Spin>}
    </Card>
  );
}
