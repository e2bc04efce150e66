/**
 * The step editor in a DOM: what the applicant sees of validation (step marks, errors only for what was typed, the
 * shares' sum at its step, length limits, the credit code's case) and of a correction notice (fields marked, then
 * marked changed). Saves go to a spy instead of the API.
 */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import type { FilingDraft } from '../../../../../shared/filing/schema.js';
import { FeedbackHost } from '../../../../lib/feedback.js';
import { I18nProvider } from '../../../../lib/i18n.js';
import type { Correction } from '../../api/filings.js';
import { StepEditor } from './StepEditor.js';

const COMPLETE_PLATFORM: FilingDraft = {
  platform: {
    name: '漏洞盒子安全众测平台',
    homepageUrl: 'https://www.vulbox.example.cn/',
    icpNumber: '京ICP备16020626号-8',
    publishesVulnerabilities: true,
    publishUrls: ['https://www.vulbox.example.cn/bugs'],
  },
  operation: { alreadyOnline: false, launchDate: '2027-03-01' },
};

function renderEditor(opts: { data?: FilingDraft; step?: string; correction?: Correction | null } = {}) {
  const save = vi.fn(async (_: FilingDraft) => {});
  const editor = (
    <StepEditor
      subject={{
        id: 'f1',
        filingId: 'f1',
        data: opts.data ?? {},
        attachments: [],
        updatedAt: new Date().toISOString(),
      }}
      files={{ upload: vi.fn(), remove: vi.fn(), url: () => '#', refresh: async () => {} }}
      correction={opts.correction ?? null}
      save={save}
      submit={async () => {}}
      texts={{ title: '填写备案登记表', submit: '提交备案' }}
    />
  );
  const router = createMemoryRouter([{ path: '/filings/:id/edit', element: editor }], {
    initialEntries: [`/filings/f1/edit${opts.step ? `?step=${opts.step}` : ''}`],
  });
  const view = render(
    <I18nProvider lang="zh" setLang={() => {}}>
      <FeedbackHost prefetchAfterMs={null} />
      <RouterProvider router={router} />
    </I18nProvider>,
  );
  return { ...view, save, router };
}

/** By its text: role queries walk antd's whole tree and are slow in jsdom. */
const button = (text: string) => screen.getByText(text).closest('button') as HTMLButtonElement;

const stepHeading = () => {
  const h = document.querySelector('.vcp-step-heading h5');
  const number = h?.querySelector('.vcp-step-number')?.textContent;
  return { number, name: h?.lastChild?.textContent };
};

/** The message under a field (antd's help line), or null. */
const fieldHelp = (id: string) => document.getElementById(`${id}_help`)?.textContent ?? null;

const stepStatus = (k: string) => screen.getByTestId(`step-${k}`).getAttribute('data-status');

describe('step marks', () => {
  it('on 确认提交 with few fields, only complete steps get ✓ and the incomplete ones are marked', async () => {
    renderEditor({ data: COMPLETE_PLATFORM, step: 'confirm' });
    expect(stepStatus('platform')).toBe('finish');
    for (const k of ['sponsor', 'people', 'capital', 'rules', 'mlps', 'attachments'])
      expect(stepStatus(k)).toBe('error');
  });

  it('a step not yet visited shows its number, not ✓, and the step left incomplete turns red', async () => {
    const { router } = renderEditor();
    expect(stepStatus('sponsor')).toBe('wait');
    fireEvent.click(button('下一步'));
    await waitFor(() => expect(router.state.location.search).toBe('?step=sponsor'));
    await waitFor(() => expect(stepStatus('platform')).toBe('error'), { timeout: 15_000 });
    // Steps are history entries: Back returns to the previous step.
    await act(() => router.navigate(-1));
    expect(router.state.location.search).toBe('');
    // The step heading: "1. " on a desktop (the phone's "第 1 步，共 8 步：" is in the same heading, shown by CSS).
    await waitFor(() => expect(stepHeading()).toEqual({ number: '1. ', name: '平台信息' }), { timeout: 15_000 });
  });
});

describe('errors only for what was typed', () => {
  it('a new 公众号 row is not red before typing, and is once a value is typed and cleared', async () => {
    renderEditor();
    fireEvent.click(button('添加公众号'));
    expect(screen.queryByText('请填写社交软件名称')).toBeNull();
    expect(screen.queryByText('请填写公众号名称')).toBeNull();
    const app = screen.getByLabelText('社交软件名称');
    fireEvent.change(app, { target: { value: '微' } });
    fireEvent.change(app, { target: { value: '' } });
    expect(await screen.findByText('请填写社交软件名称')).toBeTruthy();
    expect(screen.queryByText('请填写公众号名称')).toBeNull();
  });

  it('shares summing to 90 are an error at the capital step, not only at submit', async () => {
    renderEditor({ data: { sponsor: { type: 'enterprise' } }, step: 'capital' });
    // The later steps' code loads when the step opens.
    fireEvent.change(await screen.findByLabelText('股东 1', {}, { timeout: 15_000 }), { target: { value: '甲公司' } });
    const share = screen.getByLabelText('持股比例');
    fireEvent.change(share, { target: { value: '90' } });
    fireEvent.blur(share);
    expect(await screen.findByText('持股比例合计应为 100%，当前为 90%')).toBeTruthy();
  });

  it('an over-long name is kept whole, counted and refused visibly', async () => {
    renderEditor();
    const name = screen.getByLabelText('漏洞收集平台名称') as HTMLInputElement;
    fireEvent.change(name, { target: { value: '长'.repeat(162) } });
    expect(name.value).toHaveLength(162);
    // The message names the field (zod's own text, from the validation catalog).
    expect(await screen.findByText('漏洞收集平台名称不能超过 100 个字符')).toBeTruthy();
    expect(screen.getByText('162 / 100')).toBeTruthy();
  });

  it('a lower-case credit code is kept upper-case, as the applicant sees it', async () => {
    const { save } = renderEditor({ data: { sponsor: { type: 'enterprise' } }, step: 'sponsor' });
    const code = (await screen.findByLabelText('统一社会信用代码', {}, { timeout: 15_000 })) as HTMLInputElement;
    fireEvent.change(code, { target: { value: '91350100m000100y43' } });
    expect(code.value).toBe('91350100M000100Y43');
    fireEvent.click(button('下一步'));
    await waitFor(() => expect(save).toHaveBeenCalled());
    expect(save.mock.lastCall?.[0].sponsor?.idNumber).toBe('91350100M000100Y43');
  });

  it('offers the licence confirmation only for a code whose sole fault is the check character', async () => {
    renderEditor({ data: { sponsor: { type: 'enterprise' } }, step: 'sponsor' });
    const code = await screen.findByLabelText('统一社会信用代码', {}, { timeout: 15_000 });
    fireEvent.change(code, { target: { value: '91350211M0000XUF46' } });
    expect(await screen.findByTestId('id-number-confirm')).toBeTruthy();
    fireEvent.change(code, { target: { value: '91350211M0000XUF4' } });
    await waitFor(() => expect(screen.queryByTestId('id-number-confirm')).toBeNull());
  });
});

describe('correction highlighting', () => {
  const correction: Correction = {
    summary: '平台名称与证明材料不一致',
    items: [{ field: 'platform.name', message: '请按营业执照填写平台名称' }],
    createdAt: '2026-11-27T03:00:00Z',
  };

  it('marks the field with the reviewer’s reason until it is edited, then marks the item changed', async () => {
    renderEditor({ data: COMPLETE_PLATFORM, correction });
    const notice = screen.getByTestId('correction-notice');
    expect(within(notice).getByText('漏洞收集平台名称')).toBeTruthy();
    expect(within(notice).queryByText('platform.name')).toBeNull();
    expect(within(notice).queryByText('已修改')).toBeNull();
    // The same reason sits under the field itself.
    expect(within(notice).getByText(/请按营业执照填写平台名称/)).toBeTruthy();
    await waitFor(() => expect(fieldHelp('platform_name')).toBe('请按营业执照填写平台名称'));
    expect(stepStatus('platform')).toBe('error');
    fireEvent.change(screen.getByLabelText('漏洞收集平台名称'), { target: { value: '漏洞盒子众测平台' } });
    expect(await within(notice).findByText('已修改')).toBeTruthy();
    await waitFor(() => expect(fieldHelp('platform_name')).toBeNull());
  });
});
