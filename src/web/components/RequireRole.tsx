import { Spin } from 'antd';
import { Navigate, Outlet, useLocation } from 'react-router';
import { hasAnyRole, homeOf, paths, type Role } from '../config/paths.js';
import { useMe } from '../features/auth/api/auth.js';
import { ApiError } from '../lib/api.js';
import { useI18n } from '../lib/i18n.js';
import { RouteError } from './RouteError.js';

/**
 * Pages for some roles only: others see the refusal page (the server refuses their API calls anyway).
 * Without a session, the sign-in page first.
 */
export function RequireRole({ roles, refusal }: { roles: readonly Role[]; refusal?: 'staff' | 'admin' }) {
  const me = useMe();
  const location = useLocation();
  const { t } = useI18n();
  if (me.isPending) return <Spin style={{ display: 'block', marginTop: 80 }} />;
  if (!me.data)
    return <Navigate to={`${paths.login}?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (!hasAnyRole(me.data.roles, roles)) {
    const text = refusal === 'admin' ? t.adminOnly : t.staffOnly;
    return <RouteError error={new ApiError(403, 'forbidden', text)} forbiddenText={text} />;
  }
  return <Outlet />;
}

/** `/`: staff to the dashboard, applicants to their filings. */
export function HomeRedirect() {
  const me = useMe();
  if (me.isPending) return <Spin style={{ display: 'block', marginTop: 80 }} />;
  return <Navigate to={me.data ? homeOf(me.data.roles) : paths.login} replace />;
}
