/**
 * Builders for test data: a complete, valid 附件1 (every value passes the real validators), and helpers that
 * register applicants and take a filing to a given point through the API.
 */
import type { FilingDraftInput } from '../../shared/filing/schema.js';
import { samplePdf, samplePng } from '../attachments/fixtures.js';
import type { TestClient } from './harness.js';

let seq = 0;
const unique = () => `${process.pid}${Date.now().toString(36)}${(seq++).toString(36)}`;

/** Personal values chosen so a test can search any output for them. */
export const PERSONAL = {
  principal: { name: '王建国', mobile: '13912345678', email: 'wang.jianguo@example.cn' },
  contact: { name: '李晓梅', mobile: '18698765432', email: 'li.xiaomei@example.cn' },
  individualName: '张三丰',
  residentId: '11010519491231002X',
  uscc: '91350100M000100Y43',
};

export function validFilingDraft(overrides: Partial<FilingDraftInput> = {}): FilingDraftInput {
  return {
    platform: {
      name: '漏洞盒子安全众测平台',
      homepageUrl: 'https://www.vulbox.example.cn/',
      icpNumber: '京ICP备16020626号-8',
      publishesVulnerabilities: true,
      publishUrls: ['https://www.vulbox.example.cn/bugs'],
      socialAccounts: [{ app: '微信', account: '漏洞盒子' }],
    },
    sponsor: { name: '北京某某网络安全技术有限公司', type: 'enterprise', idNumber: PERSONAL.uscc },
    people: { principal: { ...PERSONAL.principal }, contact: { ...PERSONAL.contact } },
    capital: {
      registeredCapital: 1000,
      currency: 'CNY',
      shareholders: [
        { name: '甲投资有限公司', percent: 60 },
        { name: '乙科技有限公司', percent: 40 },
      ],
    },
    rules: {
      collectionScope: '收集互联网企业授权测试范围内的 Web 与移动应用漏洞，白帽子通过平台提交。',
      verification: '平台安全工程师在 3 个工作日内复现验证，并按 CVSS 3.1 评估危害等级。',
      notification: '验证后 1 个工作日内通知相关责任主体并跟踪修补进度。',
      publication: '修补完成且经责任主体同意后发布摘要，不发布利用细节。',
      identityVerification: '注册用户须通过手机号和实名认证。',
      classification: '漏洞按危害分为高中低三级，用户按信用分级管理。',
    },
    mlps: { certificateNumber: '11010899001-23001', level: 3 },
    management: '依据 GB/T 22239-2019 等标准建立平台管理制度，设专人负责漏洞信息安全。',
    operation: { alreadyOnline: false, launchDate: '2027-03-01' },
    ...overrides,
  };
}

export const REQUIRED_UPLOADS = [
  { kind: 'equity_proof', bytes: () => samplePdf('equity'), name: '股权结构证明.pdf' },
  { kind: 'mlps_proof', bytes: () => samplePng(), name: '等保备案证明.png' },
  { kind: 'commitment_letter', bytes: () => samplePdf('commitment'), name: '承诺书.pdf' },
] as const;

export async function registerApplicant(client: TestClient, email = `applicant-${unique()}@example.com`) {
  const res = await client.signUp({ email, password: 'correct-horse-42' });
  if (res.status !== 200) throw new Error(`sign-up failed: ${res.status} ${res.text}`);
  return { email, password: 'correct-horse-42', user: (res.body as { user: { id: string } }).user };
}

/** Creates a draft with the complete form and the required attachments; returns the filing id. */
export async function createCompleteDraft(client: TestClient, overrides: Partial<FilingDraftInput> = {}) {
  const draft = validFilingDraft(overrides);
  const res = await client.post<{ filing: { id: string } }>('/api/filings', draft);
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${res.text}`);
  const id = res.body.filing.id;
  for (const u of REQUIRED_UPLOADS) {
    if (u.kind === 'equity_proof' && draft.sponsor?.type === 'individual') continue;
    const up = await client.upload(id, u.kind, u.bytes(), u.name);
    if (up.status !== 201) throw new Error(`upload failed: ${up.status} ${up.text}`);
  }
  return id;
}

/** A staff account with its TOTP secret, signed in on `client` with password and a current code. */
export async function loginStaff(
  server: { ctx: import('../context.js').AppContext },
  client: TestClient,
  roles: ('reviewer' | 'admin' | 'complaints')[] = ['reviewer'],
) {
  const { createStaffUser } = await import('../commands/createStaffUser.js');
  const { totpNow } = await import('../services/totp.js');
  const email = `staff-${unique()}@example.gov.cn`;
  const password = 'staff-password-2026';
  const { user, secret } = await createStaffUser(server.ctx, { email, password, roles, displayName: `审核员${seq}` });
  const res = await client.post('/api/auth/login', { email, password, totp: totpNow(secret, server.ctx.now()) });
  if (res.status !== 200) throw new Error(`staff login failed: ${res.status} ${res.text}`);
  return { user, email, password, secret };
}

/** Registers an applicant on `client` and takes a complete filing to `submitted`; returns its id. */
export async function submittedFiling(client: TestClient, overrides: Partial<FilingDraftInput> = {}) {
  await registerApplicant(client);
  const id = await createCompleteDraft(client, overrides);
  const res = await client.post(`/api/filings/${id}/submit`);
  if (res.status !== 200) throw new Error(`submit failed: ${res.status} ${res.text}`);
  return id;
}

/** Takes a submitted filing to `approved` through the review API with a reviewer signed in on `staff`. */
export async function approveViaApi(staff: TestClient, filingId: string): Promise<string> {
  const res = await staff.post(`/api/review/filings/${filingId}/approve`);
  if (res.status !== 200) throw new Error(`approve failed: ${res.status} ${res.text}`);
  return res.body.filingNumber as string;
}

/** Registers an applicant on `client`, files, and has `staff` approve; returns the filing's id and number. */
export async function approvedFiling(client: TestClient, staff: TestClient, overrides: Partial<FilingDraftInput> = {}) {
  const id = await submittedFiling(client, overrides);
  const filingNumber = await approveViaApi(staff, id);
  return { id, filingNumber };
}

/** Starts a change of an approved filing (owner on `client`); returns the change as the API gave it. */
export async function startedChange(client: TestClient, filingId: string, changeDate: string) {
  const res = await client.post(`/api/filings/${filingId}/changes`, { changeDate });
  if (res.status !== 201) throw new Error(`change failed: ${res.status} ${res.text}`);
  return res.body.change as { id: string; form: FilingDraftInput } & Record<string, unknown>;
}
