/**
 * The deliveries page when the server refuses: the error is said by its code in the UI's language, not by the
 * server's Chinese `message`. The API is a stub that answers every request with the same refusal.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { App } from 'antd';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider, type Lang } from '../../../lib/i18n.js';
import { DeliveriesPage } from './DeliveriesPage.js';

const REFUSAL = { error: { code: 'forbidden', message: '无权访问该资源' } };

function renderRefused(lang: Lang) {
  const fetch = vi.fn(
    async () => new Response(JSON.stringify(REFUSAL), { status: 403, headers: { 'content-type': 'application/json' } }),
  );
  vi.stubGlobal('fetch', fetch);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const router = createMemoryRouter([{ path: '/admin/deliveries', element: <DeliveriesPage /> }], {
    initialEntries: ['/admin/deliveries'],
  });
  render(
    <QueryClientProvider client={client}>
      <I18nProvider lang={lang} setLang={() => {}}>
        <App>
          <RouterProvider router={router} />
        </App>
      </I18nProvider>
    </QueryClientProvider>,
  );
  return fetch;
}

afterEach(() => vi.unstubAllGlobals());

describe('a refused request on the deliveries page', () => {
  it('is said in English by its code when the UI is English', async () => {
    const fetch = renderRefused('en');
    expect((await screen.findAllByText('You have no access to this')).length).toBeGreaterThan(0);
    expect(fetch).toHaveBeenCalled();
    expect(screen.queryByText('无权访问该资源')).toBeNull();
  });

  it('is the server’s Chinese text when the UI is Chinese', async () => {
    renderRefused('zh');
    expect((await screen.findAllByText('无权访问该资源')).length).toBeGreaterThan(0);
    expect(screen.queryByText('You have no access to this')).toBeNull();
  });
});
