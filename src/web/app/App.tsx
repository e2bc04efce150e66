import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider } from 'antd';
import enUSModule from 'antd/es/locale/en_US.js';
import type { Locale } from 'antd/es/locale/index.js';
import zhCNModule from 'antd/es/locale/zh_CN.js';
import { useState } from 'react';
import { RouterProvider } from 'react-router';
import { FeedbackHost } from '../lib/feedback.js';
import { I18nProvider, useLangState } from '../lib/i18n.js';
import { router } from './router.js';

// antd's es/ files are ES modules without a package "type"; TypeScript reads their default export as CJS.
const enUS = enUSModule as unknown as Locale;
const zhCN = zhCNModule as unknown as Locale;

export function App() {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } }),
  );
  const [lang, setLang] = useLangState();
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider lang={lang} setLang={setLang}>
        <ConfigProvider
          locale={lang === 'en' ? enUS : zhCN}
          button={{ autoInsertSpace: false }}
          theme={{ token: { colorPrimary: '#1d4ed8', borderRadius: 6 } }}
        >
          {/* Toasts and dialogs (lib/feedback.tsx): antd's App without its weight in the first load. */}
          <FeedbackHost />
          <RouterProvider router={router} />
        </ConfigProvider>
      </I18nProvider>
    </QueryClientProvider>
  );
}
