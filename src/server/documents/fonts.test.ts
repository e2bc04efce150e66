/**
 * Every generated PDF carries its Chinese font: a subset of the project's own WenQuanYi Micro Hei, embedded. Rendered
 * on a "machine" with no fonts at all (an empty fontconfig), the text still shows where it stands.
 */
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { filingDraftSchema } from '../../shared/filing/schema.js';
import { validFilingDraft } from '../test/factories.js';
import {
  darkShare,
  hasPoppler,
  noFontsEnv,
  pdfFonts,
  popplerNote,
  renderGray,
  type WordBox,
  wordBoxes,
} from '../test/pdfTools.js';
import { CERTIFICATE_TITLE, certificatePdf } from './certificate.js';
import { commitmentLetterPdf } from './commitmentLetter.js';
import { FONT_URL, fontBytes } from './font.js';
import { registrationFormPdf, TITLE } from './registrationForm.js';

const DOCS: Record<string, { make: () => Promise<Uint8Array>; title: string; faces: number }> = {
  commitment: {
    make: () => commitmentLetterPdf({ sponsorName: '北京某某网络安全技术有限公司', sponsorType: 'enterprise' }),
    title: '网络产品安全漏洞收集平台备案承诺书',
    faces: 1,
  },
  registration: {
    make: () =>
      registrationFormPdf({
        draft: filingDraftSchema.parse(validFilingDraft()),
        attachments: [],
        filingNumber: '工信漏备202600001号',
        statusLabel: '已备案',
        today: '2026-11-27',
      }),
    title: TITLE,
    faces: 1,
  },
  certificate: {
    make: () =>
      certificatePdf({
        filingNumber: '工信漏备202600001号',
        platformName: '漏洞盒子安全众测平台',
        homepageUrl: 'https://www.vulbox.example.cn/',
        icpNumber: '京ICP备16020626号-8',
        sponsorName: '北京某某网络安全技术有限公司',
        sponsorType: 'enterprise',
        sponsorTypeLabel: '企业',
        filingDate: '2026-11-27',
        publicUrl: 'https://vcp.example.gov.cn/public/filings/%E5%B7%A5',
      }),
    title: CERTIFICATE_TITLE,
    faces: 2,
  },
};

describe('the font file', () => {
  it('ships with the project, next to its licence, and is a TrueType collection', () => {
    const file = fileURLToPath(FONT_URL);
    expect(existsSync(file)).toBe(true);
    expect(existsSync(fileURLToPath(new URL('LICENSE-wqy-microhei.txt', FONT_URL)))).toBe(true);
    expect(statSync(file).size).toBeGreaterThan(1_000_000);
    expect(Buffer.from(fontBytes().subarray(0, 4)).toString('latin1')).toBe('ttcf');
    expect(fontBytes()).toBe(fontBytes()); // read once, kept
  });
});

describe.skipIf(!hasPoppler)(`fonts in the generated PDFs${popplerNote}`, () => {
  const pdfs: Record<string, Uint8Array> = {};
  beforeAll(async () => {
    for (const [name, doc] of Object.entries(DOCS)) pdfs[name] = await doc.make();
  });

  it.each(Object.keys(DOCS))('%s: embeds only subsets of the project font', (name) => {
    const fonts = pdfFonts(pdfs[name] as Uint8Array);
    expect(fonts).toHaveLength(DOCS[name]?.faces ?? 0);
    for (const f of fonts) {
      expect(f.name).toMatch(/^[A-Z]{6}\+WenQuanYiMicroHei(Mono)?$/);
      expect(f.type).toBe('CID TrueType');
      expect(f).toMatchObject({ embedded: true, subset: true, unicode: true });
    }
  });

  it.each(Object.keys(DOCS))('%s: shows its title on a machine without fonts', (name) => {
    const pdf = pdfs[name] as Uint8Array;
    const title = DOCS[name]?.title ?? '';
    const box = wordBoxes(pdf).find((w: WordBox) => w.page === 1 && w.word === title);
    expect(box, `${title} located by pdftotext -bbox`).toBeDefined();
    if (!box) return;
    const withoutFonts = renderGray(pdf, { dpi: 50, env: noFontsEnv() });
    const inTitle = darkShare(withoutFonts, box);
    // Glyph strokes cover a good part of a bold 20–24 pt Chinese title; a missing font leaves the box white.
    expect(inTitle).toBeGreaterThan(0.15);
    // And the same region is white above the title (the check measures the text, not a frame or a fill).
    const above = { ...box, yMin: box.yMin - (box.yMax - box.yMin) - 6, yMax: box.yMin - 6 };
    expect(darkShare(withoutFonts, above)).toBeLessThan(0.02);
  });

  it('would catch a font that is not embedded: without the font file, the title box stays white', async () => {
    const pdf = pdfs.commitment as Uint8Array;
    const doc = await PDFDocument.load(pdf);
    for (const [, obj] of doc.context.enumerateIndirectObjects()) {
      if (obj instanceof PDFDict && obj.get(PDFName.of('Type')) === PDFName.of('FontDescriptor')) {
        obj.delete(PDFName.of('FontFile2'));
      }
    }
    const stripped = await doc.save();
    const box = wordBoxes(pdf).find((w) => w.word === DOCS.commitment?.title);
    expect(box).toBeDefined();
    if (box) expect(darkShare(renderGray(stripped, { env: noFontsEnv() }), box)).toBeLessThan(0.02);
  });
});
