/** Routes, each page loaded on demand so the first load stays small. */
import { createBrowserRouter } from 'react-router';
import { AppLayout } from '../components/AppLayout.js';
import { RequireAuth } from '../components/RequireAuth.js';
import { HomeRedirect, RequireRole } from '../components/RequireRole.js';
import { RouteError } from '../components/RouteError.js';
import { COMPLAINT_ROLES, paths, REVIEW_ROLES, STAFF_ROLES } from '../config/paths.js';

export const router = createBrowserRouter([
  {
    element: <AppLayout />,
    errorElement: <RouteError />,
    children: [
      // `/` and /public/* are the server-rendered public site (server/routes/portal); a link there reloads the page.
      { path: paths.home, element: <HomeRedirect /> },
      {
        path: paths.login,
        lazy: async () => ({ Component: (await import('../features/auth/pages/LoginPage.js')).LoginPage }),
      },
      {
        path: paths.register,
        lazy: async () => ({ Component: (await import('../features/auth/pages/RegisterPage.js')).RegisterPage }),
      },
      {
        path: paths.confirmEmail,
        lazy: async () => ({
          Component: (await import('../features/auth/pages/ConfirmEmailPage.js')).ConfirmEmailPage,
        }),
      },
      {
        path: paths.forgotPassword,
        lazy: async () => ({
          Component: (await import('../features/auth/pages/ForgotPasswordPage.js')).ForgotPasswordPage,
        }),
      },
      {
        path: paths.resetPassword,
        lazy: async () => ({
          Component: (await import('../features/auth/pages/ResetPasswordPage.js')).ResetPasswordPage,
        }),
      },
      {
        element: <RequireAuth />,
        children: [
          {
            path: paths.account,
            lazy: async () => ({ Component: (await import('../features/account/pages/AccountPage.js')).AccountPage }),
          },
          {
            path: paths.filings,
            lazy: async () => ({
              Component: (await import('../features/filings/pages/FilingsListPage.js')).FilingsListPage,
            }),
          },
          {
            path: '/filings/:id',
            lazy: async () => ({
              Component: (await import('../features/filings/pages/FilingStatusPage.js')).FilingStatusPage,
            }),
          },
          {
            path: '/filings/:id/edit',
            lazy: async () => ({
              Component: (await import('../features/filings/pages/FilingEditorPage.js')).FilingEditorPage,
            }),
          },
          {
            path: '/changes/:changeId',
            lazy: async () => ({
              Component: (await import('../features/filings/pages/ChangeEditorPage.js')).ChangeEditorPage,
            }),
          },
          {
            path: paths.notifications,
            lazy: async () => ({
              Component: (await import('../features/notifications/pages/NotificationsPage.js')).NotificationsPage,
            }),
          },
        ],
      },
      {
        element: <RequireRole roles={STAFF_ROLES} refusal="staff" />,
        children: [
          {
            path: paths.dashboard,
            lazy: async () => ({
              Component: (await import('../features/dashboard/pages/DashboardPage.js')).DashboardPage,
            }),
          },
        ],
      },
      {
        element: <RequireRole roles={COMPLAINT_ROLES} refusal="staff" />,
        children: [
          {
            path: paths.handling,
            lazy: async () => ({
              Component: (await import('../features/complaints/pages/ComplaintQueuePage.js')).ComplaintQueuePage,
            }),
          },
          {
            path: '/handling/complaints/:id',
            lazy: async () => ({
              Component: (await import('../features/complaints/pages/ComplaintPage.js')).ComplaintPage,
            }),
          },
        ],
      },
      {
        element: <RequireRole roles={REVIEW_ROLES} refusal="staff" />,
        children: [
          {
            path: paths.review,
            lazy: async () => ({
              Component: (await import('../features/review/pages/ReviewQueuePage.js')).ReviewQueuePage,
            }),
          },
          {
            path: '/review/filings/:id',
            lazy: async () => ({
              Component: (await import('../features/review/pages/ReviewFilingPage.js')).ReviewFilingPage,
            }),
          },
          {
            path: '/review/changes/:changeId',
            lazy: async () => ({
              Component: (await import('../features/review/pages/ReviewChangePage.js')).ReviewChangePage,
            }),
          },
        ],
      },
      {
        element: <RequireRole roles={['admin']} refusal="admin" />,
        children: [
          {
            path: paths.adminDeliveries,
            lazy: async () => ({
              Component: (await import('../features/admin/pages/DeliveriesPage.js')).DeliveriesPage,
            }),
          },
          {
            path: paths.adminSettings,
            lazy: async () => ({
              Component: (await import('../features/admin/pages/SettingsPage.js')).SettingsPage,
            }),
          },
          {
            path: paths.adminStaff,
            lazy: async () => ({ Component: (await import('../features/admin/pages/StaffPage.js')).StaffPage }),
          },
          {
            path: paths.adminAudit,
            lazy: async () => ({ Component: (await import('../features/admin/pages/AuditPage.js')).AuditPage }),
          },
          {
            path: paths.adminCalendar,
            lazy: async () => ({
              Component: (await import('../features/calendar/pages/CalendarPage.js')).CalendarPage,
            }),
          },
        ],
      },
      { path: '*', element: <RouteError notFound /> },
    ],
  },
]);
