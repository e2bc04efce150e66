/**
 * Hostile text in generated documents (issue 9, XSS / injection): markup is printed as the characters typed and
 * never interpreted; bidirectional overrides and other invisible format characters, which could make a PDF show
 * something other than what was filed (U+202E turning "fdp.exe" around), are dropped; very long unbroken text wraps
 * onto further pages instead of running off the page or failing.
 */
import { describe, expect, it } from 'vitest';
import { filingDraftSchema } from '../../shared/filing/schema.js';
import { validFilingDraft } from '../test/factories.js';
import { hasPoppler, pageCount, pdfText, popplerNote, squash, wordBoxes } from '../test/pdfTools.js';
import { certificatePdf } from './certificate.js';
import { registrationFormPdf } from './registrationForm.js';

const MARKUP = '<script>alert(1)</script><img src=x onerror=alert(2)>';
const BIDI = '\u202Egnp.exe\u202C';
const INVISIBLE = 'A\u200BB\u2066C\u2069D\uFEFFE\u00ADF';

const draft = (overrides = {}) => filingDraftSchema.parse(validFilingDraft(overrides));

describe.skipIf(!hasPoppler)(`hostile text in PDFs${popplerNote}`, () => {
  it('prints markup as text and drops direction overrides and invisible format characters', async () => {
    const base = validFilingDraft();
    const pdf = await registrationFormPdf({
      draft: draft({ platform: { ...base.platform, name: `平台${MARKUP}${BIDI}${INVISIBLE}` } }),
      attachments: [],
      filingNumber: null,
      statusLabel: '草稿',
      today: '2026-11-27',
    });
    const text = pdfText(pdf);
    expect(squash(text)).toContain(squash(`平台${MARKUP}`));
    expect(text).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200B-\u200F\uFEFF\u00AD]/u);
    expect(squash(text)).toContain('gnp.exe');
    expect(squash(text)).toContain('ABCDEF');
  });

  it('wraps a 20,000-character unbroken value onto further pages, every character kept', async () => {
    const base = validFilingDraft();
    const long = 'Z'.repeat(2000);
    const pdf = await registrationFormPdf({
      draft: draft({
        platform: { ...base.platform, publishUrls: Array.from({ length: 10 }, (_, i) => `https://a${i}.cn/${long}`) },
      }),
      attachments: [],
      filingNumber: null,
      statusLabel: '草稿',
      today: '2026-11-27',
    });
    expect(pageCount(pdf)).toBeGreaterThan(2);
    expect(squash(pdfText(pdf)).split('Z').length - 1).toBe(20_000);
  });

  it('the certificate drops direction overrides in the platform and sponsor names', async () => {
    const pdf = await certificatePdf({
      filingNumber: '工信漏备202600001号',
      platformName: `平台${BIDI}${MARKUP}`,
      homepageUrl: 'https://www.example.cn/',
      icpNumber: '京ICP备16020626号-8',
      sponsorName: `主办${BIDI}`,
      sponsorType: 'organization',
      sponsorTypeLabel: '企业',
      filingDate: '2026-11-27',
      publicUrl: 'https://beian.example.gov.cn/public/filings/x',
    });
    const text = pdfText(pdf);
    expect(text).not.toMatch(/[\u202A-\u202E]/u);
    expect(squash(text)).toContain(squash(MARKUP));
  });

  it('keeps the longest names the form allows inside the one-page certificate, cut with an ellipsis', async () => {
    const platformName = '漏洞'.repeat(50);
    const sponsorName = 'W'.repeat(200);
    const pdf = await certificatePdf({
      filingNumber: '工信漏备202600001号',
      platformName,
      homepageUrl: `https://www.example.cn/${'p'.repeat(2000)}`,
      icpNumber: '京ICP备16020626号-8',
      sponsorName,
      sponsorType: 'organization',
      sponsorTypeLabel: '企业',
      filingDate: '2026-11-27',
      publicUrl: 'https://beian.example.gov.cn/public/filings/x',
    });
    const boxes = wordBoxes(pdf);
    const outside = boxes.filter((b) => b.xMin < 0 || b.xMax > 595.28 || b.yMin < 0 || b.yMax > 841.89);
    expect(outside.map((b) => b.word.slice(0, 20))).toEqual([]);
    // The certificate is one page by design (certificate.ts clamp): over-long values end in an ellipsis there, and
    // the full values stay in the registration form (above) and the record.
    const text = squash(pdfText(pdf));
    expect(text).toContain(`${platformName.slice(0, 20)}`);
    expect(text).toMatch(/W+…/);
    expect(pageCount(pdf)).toBe(1);
  });
});
