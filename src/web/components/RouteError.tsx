import { Button, Result } from 'antd';
import { Link, useRouteError } from 'react-router';
import { commonCatalog } from '../../shared/i18n/locales/common.js';
import { homeOf, paths } from '../config/paths.js';
import { ApiError } from '../lib/api.js';
import { isChunkLoadError } from '../lib/chunks.js';
import { useApiErrorText } from '../lib/errors.js';
import { useCatalog } from '../lib/i18n.js';
import { useMe } from '../lib/session.js';

/**
 * The refusal and not-found pages: they say what happened and never show data. The way back is the visitor's own
 * home: an applicant's filings, a staff member's console, and for someone not signed in the public site's home
 * page (a full page load: `/` is server-rendered). As a route's error element it reads the route's error: a page whose
 * code could not be fetched (offline, or an old file gone after a deploy) offers to reload the page.
 */
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
  const { t } = useCatalog(commonCatalog);
  const errorText = useApiErrorText();
  const me = useMe();
  const routeError = useRouteError();
  const failure = error === undefined && !notFound ? routeError : error;
  if (isChunkLoadError(failure))
    return (
      <Result
        status="warning"
        title={t('pages.reloadTitle')}
        subTitle={t('pages.reloadText')}
        extra={
          <Button type="primary" onClick={() => window.location.reload()}>
            {t('pages.reload')}
          </Button>
        }
      />
    );
  const forbidden = failure instanceof ApiError && failure.status === 403;
  const missing = notFound || (failure instanceof ApiError && failure.status === 404);
  const home = me.data ? homeOf(me.data.roles) : null;
  const back = home ? (
    <Link to={home}>
      <Button type="primary">{home === paths.filings ? t('pages.backToList') : t('pages.backHome')}</Button>
    </Link>
  ) : (
    <Button type="primary" href={paths.home}>
      {t('pages.backHome')}
    </Button>
  );
  if (forbidden)
    return (
      <Result
        status="403"
        title={t('pages.forbiddenTitle')}
        subTitle={forbiddenText ?? t('pages.forbidden')}
        extra={back}
      />
    );
  if (missing)
    return <Result status="404" title={t('pages.notFoundTitle')} subTitle={t('pages.notFound')} extra={back} />;
  return (
    <Result
      status="error"
      title={t('pages.errorTitle')}
      subTitle={failure instanceof ApiError ? errorText(failure) : t('pages.error')}
      extra={back}
    />
  );
}
