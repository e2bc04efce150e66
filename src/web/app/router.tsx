/** Routes, each page loaded on demand so the first load stays small. */
import { createBrowserRouter, Navigate } from 'react-router';
import { AppLayout } from '../components/AppLayout.js';
import { RequireAuth } from '../components/RequireAuth.js';
import { RouteError } from '../components/RouteError.js';
import { paths } from '../config/paths.js';

export const router = createBrowserRouter([
  {
    element: <AppLayout />,
    errorElement: <RouteError />,
    children: [
      { path: paths.home, element: <Navigate to={paths.filings} replace /> },
      {
        path: paths.login,
        lazy: async () => ({ Component: (await import('../features/auth/pages/LoginPage.js')).LoginPage }),
      },
      {
        path: paths.register,
        lazy: async () => ({ Component: (await import('../features/auth/pages/RegisterPage.js')).RegisterPage }),
      },
      {
        element: <RequireAuth />,
        children: [
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
        ],
      },
      { path: '*', element: <RouteError notFound /> },
    ],
  },
]);
