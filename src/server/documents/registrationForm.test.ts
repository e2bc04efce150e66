/** 附件1 登记表 as PDF: the seed's sections in the seed's order, the filing's values, the note on 有效证件号码. */
import { describe, expect, it } from 'vitest';
import { filingDraftSchema } from '../../shared/filing/schema.js';
import { PERSONAL, validFilingDraft } from '../test/factories.js';
import { hasPoppler, pageCount, pdfText, popplerNote, squash } from '../test/pdfTools.js';
import { ID_NOTE, registrationFormPdf, TITLE } from './registrationForm.js';

const SECTIONS = [
  '漏洞收集平台名称',
  '网站首页网址',
  'ICP备案号',
  '发布漏洞的相关网址',
  '发布漏洞的社交软件公众号',
  '主办单位或主办个人基本情况',
  '漏洞收集平台相关人员信息',
  '注册资本和股权结构',
  '漏洞管理相关规则',
  '等级保护备案证明材料',
  '实施平台管理等情况',
  '承诺书',
];

const SM3 = '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0';
const ATTACHMENTS = [
  { kind: 'equity_proof', fileName: '股权结构证明.pdf', sm3: 'a1'.repeat(32), size: 120_000 },
  { kind: 'mlps_proof', fileName: '等保备案证明.png', sm3: 'b2'.repeat(32), size: 2_000 },
  { kind: 'commitment_letter', fileName: '承诺书.pdf', sm3: SM3, size: 2_345_678 },
];

const draft = (overrides = {}) => filingDraftSchema.parse(validFilingDraft(overrides));

/** Where each string first occurs in `text` after the previous one; -1 when missing or out of order. */
function inOrder(text: string, parts: string[]): number[] {
  let at = 0;
  return parts.map((p) => {
    const i = text.indexOf(p, at);
    if (i >= 0) at = i + p.length;
    return i;
  });
}

describe.skipIf(!hasPoppler)(`registration form PDF${popplerNote}`, () => {
  it("lays out the seed's sections in order, filled with the filing's values", async () => {
    const pdf = await registrationFormPdf({
      draft: draft(),
      attachments: ATTACHMENTS,
      filingNumber: '工信漏备202600001号',
      statusLabel: '已备案',
      today: '2026-11-27',
    });
    // In content order, each section's name is drawn after its rows: names only are compared in order.
    const raw = squash(pdfText(pdf, { raw: true }));
    expect(inOrder(raw, SECTIONS).every((i) => i >= 0)).toBe(true);
    const text = squash(pdfText(pdf));
    for (const s of [
      '附件1',
      TITLE,
      '漏洞盒子安全众测平台',
      'https://www.vulbox.example.cn/',
      '京ICP备16020626号-8',
      'https://www.vulbox.example.cn/bugs',
      '社交软件名称',
      '社交软件公众号',
      '微信',
      '北京某某网络安全技术有限公司',
      '企业',
      PERSONAL.uscc,
      PERSONAL.principal.name,
      PERSONAL.principal.mobile,
      PERSONAL.principal.email,
      PERSONAL.contact.mobile,
      '1000万元人民币',
      '甲投资有限公司',
      '60%',
      '注册资本和股权结构的证明材料',
      '通知相关责任主体修补漏洞规则',
      '平台安全工程师在3个工作日内复现验证',
      '11010899001-23001',
      '第三级',
      '承诺书.pdf',
      SM3,
      '备案编号：工信漏备202600001号',
    ]) {
      expect(text, s).toContain(squash(s));
    }
    expect(text).toMatch(/第1页共\d页/);
    expect(text).toContain('有效证件号码注');
    expect(text).toContain(squash(ID_NOTE));
    expect(text.indexOf(squash(ID_NOTE))).toBeGreaterThan(text.indexOf(SM3));
  });

  it('wraps long rules over further pages, with page numbers and the number on each page', async () => {
    const long = Array.from({ length: 60 }, (_, i) => `第${i + 1}条 漏洞验证评估规则的详细说明，逐条列明。`).join('\n');
    const pdf = await registrationFormPdf({
      draft: draft({ rules: { ...validFilingDraft().rules, verification: long } }),
      attachments: ATTACHMENTS,
      filingNumber: null,
      statusLabel: '草稿',
      today: '2026-11-27',
    });
    const pages = pageCount(pdf);
    expect(pages).toBeGreaterThan(2);
    const text = squash(pdfText(pdf));
    expect(text).toContain('第60条漏洞验证评估规则的详细说明，逐条列明。');
    expect(text).toContain('漏洞管理相关规则（续）');
    expect(text).toContain(`第${pages}页共${pages}页`);
    for (let p = 1; p <= pages; p++) expect(squash(pdfText(pdf, { page: p }))).toContain('备案编号：（尚未发放）');
    expect(text).toContain(squash(ID_NOTE));
  });

  it('prints an empty form for a new draft, and no capital table for an individual', async () => {
    const empty = squash(
      pdfText(
        await registrationFormPdf({
          draft: {},
          attachments: [],
          filingNumber: null,
          statusLabel: '草稿',
          today: '2026-11-27',
        }),
      ),
    );
    expect(inOrder(empty, [TITLE, '漏洞收集平台名称', '网站首页网址']).every((i) => i >= 0)).toBe(true);
    expect(empty).toContain('（未上传）');
    const person = squash(
      pdfText(
        await registrationFormPdf({
          draft: draft({
            sponsor: { name: PERSONAL.individualName, type: 'individual', idNumber: PERSONAL.residentId },
          }),
          attachments: [],
          filingNumber: null,
          statusLabel: '草稿',
          today: '2026-11-27',
        }),
      ),
    );
    expect(person).toContain(PERSONAL.individualName);
    expect(person).toContain(PERSONAL.residentId);
    expect(person).toContain('个人');
    expect(person).toContain('主办者为个人，不适用');
  });
});
