import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { homeOf, paths } from '../config/paths.js';
import { useMe } from '../features/auth/api/auth.js';
import { ApiError } from '../lib/api.js';
import { useI18n } from '../lib/i18n.js';

/** The refusal and not-found pages: they say what happened and never show data. */
export function RouteError({
  notFound,
  error,
  forbiddenText,
}: {
  notFound?: boolean;
  error?: unknown;
  /** What the refusal page says instead of the applicant's "not your filing". */
  forbiddenText?: string;
}) {
  const { t } = useI18n();
  const me = useMe();
  const forbidden = error instanceof ApiError && error.status === 403;
  const missing = notFound || (error instanceof ApiError && error.status === 404);
  const back = (
    <Link to={me.data ? homeOf(me.data.roles) : paths.home}>
      <Button type="primary">{me.data && homeOf(me.data.roles) !== paths.filings ? t.backHome : t.backToList}</Button>
    </Link>
  );
  if (forbidden)
    return <Result status="403" title={t.forbiddenTitle} subTitle={forbiddenText ?? t.forbidden} extra={back} />;
  if (missing) return <Result status="404" title="404" subTitle={t.notFound} extra={back} />;
  return <Result status="error" title={error instanceof Error ? error.message : 'Error'} extra={back} />;
}
