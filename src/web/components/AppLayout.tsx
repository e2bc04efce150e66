/**
 * The page frame: header (the app's name, the signed-in user's links, the language switch), content and footer.
 * On a phone (≤ 767 px, styles/global.css) the links fold behind a menu button. It reads who is signed in from
 * lib/session.ts and the unread count from lib/unread.ts: the frame depends on no feature.
 */
import { Button, Layout } from 'antd';
import { Suspense, useEffect, useId, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate, useNavigation } from 'react-router';
import { commonCatalog } from '../../shared/i18n/locales/common.js';
import { COMPLAINT_ROLES, hasAnyRole, homeOf, paths, REVIEW_ROLES, STAFF_ROLES } from '../config/paths.js';
import { useCatalog, useI18n } from '../lib/i18n.js';
import { useLogout, useMe } from '../lib/session.js';
import { useNotifications } from '../lib/unread.js';
import { PageLoading } from './PageLoading.js';

/** The unread count beside 消息: a plain span, so the first load does not carry antd's Badge. */
function UnreadLink() {
  const { t } = useCatalog(commonCatalog);
  const list = useNotifications();
  const unread = list.data?.unread ?? 0;
  return (
    <Link to={paths.notifications} aria-label={unread ? t('nav.unreadMessages', { count: unread }) : t('nav.messages')}>
      {t('nav.messages')}
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

/** Three bars, drawn inline so the first load carries no icon set. */
function MenuIcon() {
  return (
    <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true" focusable="false">
      <path d="M2 4h14M2 9h14M2 14h14" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}

export function AppLayout() {
  const { lang, setLang } = useI18n();
  const { t } = useCatalog(commonCatalog);
  const me = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  const location = useLocation();
  // A link to a page whose code is still loading: a bar under the header, the current page stays until it arrives.
  const navigating = useNavigation().state === 'loading';
  const [menuOpen, setMenuOpen] = useState(false);
  const navId = useId();
  // Following a link (or going back) closes the phone menu.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every navigation by design
  useEffect(() => setMenuOpen(false), [location.pathname]);
  const user = me.data;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="vcp-header">
        <Link to={user ? homeOf(user.roles) : paths.home} className="vcp-header-brand">
          {t('appName')}
        </Link>
        {user && (
          <Button
            className="vcp-menu-button"
            size="small"
            type="text"
            style={{ color: '#fff' }}
            icon={<MenuIcon />}
            aria-label={t('nav.menu')}
            aria-expanded={menuOpen}
            aria-controls={navId}
            onClick={() => setMenuOpen((o) => !o)}
          />
        )}
        <nav id={navId} className={menuOpen || !user ? 'vcp-nav vcp-nav-open' : 'vcp-nav'} aria-label={t('nav.menu')}>
          {user && (
            <>
              {hasAnyRole(user.roles, STAFF_ROLES) && <Link to={paths.dashboard}>{t('nav.dashboard')}</Link>}
              {hasAnyRole(user.roles, REVIEW_ROLES) && <Link to={paths.review}>{t('nav.reviewQueue')}</Link>}
              {hasAnyRole(user.roles, COMPLAINT_ROLES) && <Link to={paths.handling}>{t('nav.complaintHandling')}</Link>}
              {hasAnyRole(user.roles, ['admin']) && (
                <>
                  <Link to={paths.adminDeliveries}>{t('nav.deliveries')}</Link>
                  <Link to={paths.adminSettings}>{t('nav.settings')}</Link>
                  <Link to={paths.adminStaff}>{t('nav.staff')}</Link>
                  <Link to={paths.adminAudit}>{t('nav.audit')}</Link>
                </>
              )}
              {hasAnyRole(user.roles, ['admin']) && <Link to={paths.adminCalendar}>{t('navCalendar')}</Link>}
              {hasAnyRole(user.roles, ['applicant']) && (
                <>
                  <Link to={paths.filings}>{t('nav.myFilings')}</Link>
                  <UnreadLink />
                </>
              )}
              {/* The signed-in name opens the account page (修改密码). */}
              <Link to={paths.account} title={t('nav.signedInAs', { name: user.displayName ?? user.email })}>
                {user.displayName ?? user.email}
              </Link>
              <Button
                size="small"
                onClick={() => logout.mutate(undefined, { onSuccess: () => navigate(paths.login) })}
                loading={logout.isPending}
              >
                {t('nav.logout')}
              </Button>
            </>
          )}
          <Button
            size="small"
            type="text"
            lang={lang === 'zh' ? 'en' : 'zh-CN'}
            style={{ color: '#dbe4ff' }}
            onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
          >
            {t('switchLanguage')}
          </Button>
        </nav>
      </Layout.Header>
      {navigating && <div className="vcp-route-progress" role="progressbar" aria-label={t('words.loading')} />}
      <Layout.Content className="vcp-content">
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </Layout.Content>
      <Layout.Footer className="vcp-footer">{t('regulation')}</Layout.Footer>
    </Layout>
  );
}
