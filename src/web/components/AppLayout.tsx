import { Button, Layout, Space, Spin, Typography } from 'antd';
import { Suspense } from 'react';
import { Link, Outlet, useNavigate } from 'react-router';
import { commonCatalog } from '../../shared/i18n/locales/common.js';
import { COMPLAINT_ROLES, hasAnyRole, homeOf, paths, REVIEW_ROLES, STAFF_ROLES } from '../config/paths.js';
import { adminNavCatalog } from '../features/admin/navCatalog.js';
import { useLogout, useMe } from '../features/auth/api/auth.js';
import { useNotifications } from '../features/notifications/api/notifications.js';
import { useCatalog, useI18n } from '../lib/i18n.js';

const linkStyle = { color: '#dbe4ff' } as const;

/** The unread count beside 消息: a plain span, so the first load does not carry antd's Badge. */
function UnreadLink() {
  const { t } = useI18n();
  const list = useNotifications();
  const unread = list.data?.unread ?? 0;
  return (
    <Link to={paths.notifications} style={linkStyle} aria-label={unread ? t.unreadMessages(unread) : t.messages}>
      {t.messages}
      {unread > 0 && (
        <span
          data-testid="unread-count"
          style={{
            display: 'inline-block',
            minWidth: 18,
            height: 18,
            lineHeight: '18px',
            padding: '0 5px',
            marginInlineStart: 4,
            borderRadius: 9,
            background: '#ff4d4f',
            color: '#fff',
            fontSize: 12,
            textAlign: 'center',
          }}
        >
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </Link>
  );
}

export function AppLayout() {
  const { t, lang, setLang } = useI18n();
  const { t: tc } = useCatalog(commonCatalog);
  const { t: ta } = useCatalog(adminNavCatalog);
  const me = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          display: 'flex',
          flexWrap: 'wrap',
          alignItems: 'center',
          justifyContent: 'space-between',
          columnGap: 16,
          // On a phone the links wrap under the name instead of squeezing into one line.
          height: 'auto',
          minHeight: 64,
          lineHeight: '32px',
          paddingBlock: 8,
          background: '#0b2a6b',
          paddingInline: 24,
        }}
      >
        <Link
          to={me.data ? homeOf(me.data.roles) : paths.home}
          style={{ color: '#fff', fontSize: 18, fontWeight: 600 }}
        >
          {tc('appName')}
        </Link>
        <Space size="middle" wrap>
          {me.data && (
            <>
              {hasAnyRole(me.data.roles, STAFF_ROLES) && (
                <Link to={paths.dashboard} style={linkStyle}>
                  {t.dashboard}
                </Link>
              )}
              {hasAnyRole(me.data.roles, REVIEW_ROLES) && (
                <Link to={paths.review} style={linkStyle}>
                  {t.reviewQueue}
                </Link>
              )}
              {hasAnyRole(me.data.roles, COMPLAINT_ROLES) && (
                <Link to={paths.handling} style={linkStyle}>
                  {t.complaintHandling}
                </Link>
              )}
              {hasAnyRole(me.data.roles, ['admin']) && (
                <>
                  <Link to={paths.adminDeliveries} style={linkStyle}>
                    {t.deliveries}
                  </Link>
                  <Link to={paths.adminSettings} style={linkStyle}>
                    {ta('settings')}
                  </Link>
                  <Link to={paths.adminStaff} style={linkStyle}>
                    {ta('staff')}
                  </Link>
                  <Link to={paths.adminAudit} style={linkStyle}>
                    {ta('audit')}
                  </Link>
                </>
              )}
              {hasAnyRole(me.data.roles, ['admin']) && (
                <Link to={paths.adminCalendar} style={linkStyle}>
                  {tc('navCalendar')}
                </Link>
              )}
              {hasAnyRole(me.data.roles, ['applicant']) && (
                <>
                  <Link to={paths.filings} style={linkStyle}>
                    {t.myFilings}
                  </Link>
                  <UnreadLink />
                </>
              )}
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
