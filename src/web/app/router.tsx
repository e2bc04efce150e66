/**
 * Routes, each page loaded on demand so the first load stays small (`npm run bench:bundle` reads this file for the
 * routes it measures). While a page's code loads the frame shows PageLoading; a chunk that cannot be fetched shows
 * RouteError's reload prompt (lib/chunks.ts), both inside the frame.
 */
import { createBrowserRouter } from 'react-router';
import { AppLayout } from '../components/AppLayout.js';
import { PageLoading } from '../components/PageLoading.js';
import { RequireAuth } from '../components/RequireAuth.js';
import { HomeRedirect, RequireRole } from '../components/RequireRole.js';
import { RouteError } from '../components/RouteError.js';
import { COMPLAINT_ROLES, paths, REVIEW_ROLES, STAFF_ROLES } from '../config/paths.js';
import { loadChunk } from '../lib/chunks.js';

export const router = createBrowserRouter([
  {
    element: <AppLayout />,
    errorElement: <RouteError />,
    children: [
      {
        // Inside the frame: the header stays while a page loads or fails.
        errorElement: <RouteError />,
        hydrateFallbackElement: <PageLoading />,
        children: [
          // `/` and /public/* are the server-rendered public site (server/routes/portal); a link there reloads the page.
          { path: paths.home, element: <HomeRedirect /> },
          {
            path: paths.login,
            lazy: loadChunk(async () => ({
              Component: (await import('../features/auth/pages/LoginPage.js')).LoginPage,
            })),
          },
          {
            path: paths.register,
            lazy: loadChunk(async () => ({
              Component: (await import('../features/auth/pages/RegisterPage.js')).RegisterPage,
            })),
          },
          {
            path: paths.confirmEmail,
            lazy: loadChunk(async () => ({
              Component: (await import('../features/auth/pages/ConfirmEmailPage.js')).ConfirmEmailPage,
            })),
          },
          {
            path: paths.forgotPassword,
            lazy: loadChunk(async () => ({
              Component: (await import('../features/auth/pages/ForgotPasswordPage.js')).ForgotPasswordPage,
            })),
          },
          {
            path: paths.resetPassword,
            lazy: loadChunk(async () => ({
              Component: (await import('../features/auth/pages/ResetPasswordPage.js')).ResetPasswordPage,
            })),
          },
          {
            element: <RequireAuth />,
            children: [
              {
                path: paths.account,
                lazy: loadChunk(async () => ({
                  Component: (await import('../features/account/pages/AccountPage.js')).AccountPage,
                })),
              },
              {
                path: paths.filings,
                lazy: loadChunk(async () => ({
                  Component: (await import('../features/filings/pages/FilingsListPage.js')).FilingsListPage,
                })),
              },
              {
                path: '/filings/:id',
                lazy: loadChunk(async () => ({
                  Component: (await import('../features/filings/pages/FilingStatusPage.js')).FilingStatusPage,
                })),
              },
              {
                path: '/filings/:id/edit',
                lazy: loadChunk(async () => ({
                  Component: (await import('../features/filings/pages/FilingEditorPage.js')).FilingEditorPage,
                })),
              },
              {
                path: '/changes/:changeId',
                lazy: loadChunk(async () => ({
                  Component: (await import('../features/filings/pages/ChangeEditorPage.js')).ChangeEditorPage,
                })),
              },
              {
                path: paths.notifications,
                lazy: loadChunk(async () => ({
                  Component: (await import('../features/notifications/pages/NotificationsPage.js')).NotificationsPage,
                })),
              },
            ],
          },
          {
            element: <RequireRole roles={STAFF_ROLES} refusal="staff" />,
            children: [
              {
                path: paths.dashboard,
                lazy: loadChunk(async () => ({
                  Component: (await import('../features/dashboard/pages/DashboardPage.js')).DashboardPage,
                })),
              },
            ],
          },
          {
            element: <RequireRole roles={COMPLAINT_ROLES} refusal="staff" />,
            children: [
              {
                path: paths.handling,
                lazy: loadChunk(async () => ({
                  Component: (await import('../features/complaints/pages/ComplaintQueuePage.js')).ComplaintQueuePage,
                })),
              },
              {
                path: '/handling/complaints/:id',
                lazy: loadChunk(async () => ({
                  Component: (await import('../features/complaints/pages/ComplaintPage.js')).ComplaintPage,
                })),
              },
            ],
          },
          {
            element: <RequireRole roles={REVIEW_ROLES} refusal="staff" />,
            children: [
              {
                path: paths.review,
                lazy: loadChunk(async () => ({
                  Component: (await import('../features/review/pages/ReviewQueuePage.js')).ReviewQueuePage,
                })),
              },
              {
                path: '/review/filings/:id',
                lazy: loadChunk(async () => ({
                  Component: (await import('../features/review/pages/ReviewFilingPage.js')).ReviewFilingPage,
                })),
              },
              {
                path: '/review/changes/:changeId',
                lazy: loadChunk(async () => ({
                  Component: (await import('../features/review/pages/ReviewChangePage.js')).ReviewChangePage,
                })),
              },
            ],
          },
          {
            element: <RequireRole roles={['admin']} refusal="admin" />,
            children: [
              {
                path: paths.adminDeliveries,
                lazy: loadChunk(async () => ({
                  Component: (await import('../features/admin/pages/DeliveriesPage.js')).DeliveriesPage,
                })),
              },
              {
                path: paths.adminSettings,
                lazy: loadChunk(async () => ({
                  Component: (await import('../features/admin/pages/SettingsPage.js')).SettingsPage,
                })),
              },
              {
                path: paths.adminStaff,
                lazy: loadChunk(async () => ({
                  Component: (await import('../features/admin/pages/StaffPage.js')).StaffPage,
                })),
              },
              {
                path: paths.adminAudit,
                lazy: loadChunk(async () => ({
                  Component: (await import('../features/admin/pages/AuditPage.js')).AuditPage,
                })),
              },
              {
                path: paths.adminCalendar,
                lazy: loadChunk(async () => ({
                  Component: (await import('../features/calendar/pages/CalendarPage.js')).CalendarPage,
                })),
              },
            ],
          },
          { path: '*', element: <RouteError notFound /> },
        ],
      },
    ],
  },
]);
