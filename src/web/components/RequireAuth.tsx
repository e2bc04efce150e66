import { Spin } from 'antd';
import { Navigate, Outlet, useLocation } from 'react-router';
import { paths } from '../config/paths.js';
import { useMe } from '../lib/session.js';

export function RequireAuth() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Spin style={{ display: 'block', marginTop: 80 }} />;
  if (!me.data)
    return <Navigate to={`${paths.login}?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <Outlet />;
}
