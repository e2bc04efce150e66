import { Button, Layout, Space, Spin, Typography } from 'antd';
import { Suspense } from 'react';
import { Link, Outlet, useNavigate } from 'react-router';
import { paths } from '../config/paths.js';
import { useLogout, useMe } from '../features/auth/api/auth.js';
import { useI18n } from '../lib/i18n.js';

export function AppLayout() {
  const { t, lang, setLang } = useI18n();
  const me = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'space-between',
          background: '#0b2a6b',
          paddingInline: 24,
        }}
      >
        <Link to={paths.home} style={{ color: '#fff', fontSize: 18, fontWeight: 600 }}>
          {t.appName}
        </Link>
        <Space>
          {me.data && (
            <>
              <Link to={paths.filings} style={{ color: '#dbe4ff' }}>
                {t.myFilings}
              </Link>
              <Typography.Text style={{ color: '#dbe4ff' }}>{me.data.displayName ?? me.data.email}</Typography.Text>
              <Button
                size="small"
                onClick={() => logout.mutate(undefined, { onSuccess: () => navigate(paths.login) })}
                loading={logout.isPending}
              >
                {t.logout}
              </Button>
            </>
          )}
          <Button
            size="small"
            type="text"
            style={{ color: '#dbe4ff' }}
            onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
          >
            {t.language}
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: '24px', maxWidth: 1200, width: '100%', margin: '0 auto' }}>
        <Suspense fallback={<Spin />}>
          <Outlet />
        </Suspense>
      </Layout.Content>
      <Layout.Footer style={{ textAlign: 'center', color: '#666' }}>{t.regulation}</Layout.Footer>
    </Layout>
  );
}
