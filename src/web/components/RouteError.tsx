import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { paths } from '../config/paths.js';
import { ApiError } from '../lib/api.js';
import { useI18n } from '../lib/i18n.js';

/** The refusal and not-found pages: they say what happened and never show data. */
export function RouteError({ notFound, error }: { notFound?: boolean; error?: unknown }) {
  const { t } = useI18n();
  const forbidden = error instanceof ApiError && error.status === 403;
  const missing = notFound || (error instanceof ApiError && error.status === 404);
  const back = (
    <Link to={paths.filings}>
      <Button type="primary">{t.backToList}</Button>
    </Link>
  );
  if (forbidden) return <Result status="403" title={t.forbiddenTitle} subTitle={t.forbidden} extra={back} />;
  if (missing) return <Result status="404" title="404" subTitle={t.notFound} extra={back} />;
  return <Result status="error" title={error instanceof Error ? error.message : 'Error'} extra={back} />;
}
