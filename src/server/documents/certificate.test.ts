/** 备案证明: number, platform, homepage, sponsor, date, issuer, the QR code to the public record, the footer snippet. */
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { footerSnippet, publicFilingUrl } from '../../shared/filing/publicRecord.js';
import { hasPoppler, pageCount, pdfImages, pdfText, popplerNote, squash } from '../test/pdfTools.js';
import {
  CERTIFICATE_TITLE,
  type CertificateInput,
  certificatePdf,
  ISSUER,
  qrPng,
  SNIPPET_HINT,
} from './certificate.js';

const NUMBER = '工信漏备202600001号';
const URL_ = publicFilingUrl('https://vcp.example.gov.cn', NUMBER);
const INPUT: CertificateInput = {
  filingNumber: NUMBER,
  platformName: '漏洞盒子安全众测平台',
  homepageUrl: 'https://www.vulbox.example.cn/',
  icpNumber: '京ICP备16020626号-8',
  sponsorName: '北京某某网络安全技术有限公司',
  sponsorType: 'enterprise',
  sponsorTypeLabel: '企业',
  filingDate: '2026-11-27',
  publicUrl: URL_,
};

describe('public record URL and footer snippet', () => {
  it('link the number to its public page', () => {
    expect(URL_).toBe(
      'https://vcp.example.gov.cn/public/filings/%E5%B7%A5%E4%BF%A1%E6%BC%8F%E5%A4%87202600001%E5%8F%B7',
    );
    expect(footerSnippet(URL_, NUMBER)).toBe(`<a href="${URL_}" target="_blank" rel="noopener">${NUMBER}</a>`);
    expect(footerSnippet('https://x.example/?a=1&b="2"', '<号>')).toBe(
      '<a href="https://x.example/?a=1&amp;b=&quot;2&quot;" target="_blank" rel="noopener">&lt;号&gt;</a>',
    );
  });
});

describe.skipIf(!hasPoppler)(`certificate PDF${popplerNote}`, () => {
  it('carries the number, platform, homepage, sponsor, date, issuer and the footer snippet on one page', async () => {
    const pdf = await certificatePdf(INPUT);
    expect(pageCount(pdf)).toBe(1);
    const text = pdfText(pdf);
    const flat = squash(text);
    for (const s of [
      CERTIFICATE_TITLE,
      NUMBER,
      INPUT.platformName,
      INPUT.homepageUrl,
      INPUT.icpNumber,
      `主办单位：${INPUT.sponsorName}（企业）`,
      '备案日期：2026年11月27日',
      `发证机关：${ISSUER}`,
      SNIPPET_HINT,
    ]) {
      expect(flat, s).toContain(squash(s));
    }
    // Lines of the snippet break only where it has spaces: joined again, it is the snippet to copy.
    expect(text.replace(/\s+/g, ' ')).toContain(footerSnippet(URL_, NUMBER));
  });

  it("masks an individual sponsor's name as given by the public record", async () => {
    const flat = squash(
      pdfText(
        await certificatePdf({ ...INPUT, sponsorName: '张*', sponsorType: 'individual', sponsorTypeLabel: '个人' }),
      ),
    );
    expect(flat).toContain('主办个人：张*（个人）');
  });

  it('keeps to one page whatever the length of the values', async () => {
    const pdf = await certificatePdf({
      ...INPUT,
      platformName: '很长的平台名称'.repeat(14),
      homepageUrl: `https://www.vulbox.example.cn/${'a'.repeat(2000)}`,
      sponsorName: '很长的单位名称'.repeat(28),
    });
    expect(pageCount(pdf)).toBe(1);
    expect(squash(pdfText(pdf))).toContain(NUMBER);
  });

  it('embeds a QR code whose modules encode the public record URL', async () => {
    const pdf = await certificatePdf(INPUT);
    // The PNG made by the same function as the document's, and the symbol qrcode computes for the URL.
    const png = await qrPng(URL_);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    const symbol = QRCode.create(URL_, { errorCorrectionLevel: 'M' }).modules;
    const n = symbol.size;
    const image = pdfImages(pdf).find((i) => i.width === (n + 2) * 8 && i.height === i.width);
    expect(image, 'a square image of (modules + margin) × 8 pixels').toBeDefined();
    if (!image) return;
    let mismatches = 0;
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < n; c++) {
        const px = ((r + 1) * 8 + 4) * image.width + (c + 1) * 8 + 4;
        const dark = (image.data[px * image.channels] ?? 255) < 128;
        if (dark !== !!symbol.get(r, c)) mismatches++;
      }
    }
    expect(mismatches).toBe(0);
  });
});

describe.skipIf(!hasPoppler)(`certificate PDF URLs${popplerNote}`, () => {
  it('prints the homepage and the verification URL as people read them, not percent-encoded', async () => {
    const flat = squash(
      pdfText(await certificatePdf({ ...INPUT, homepageUrl: 'https://www.vulbox.example.cn/%E6%BC%8F%E6%B4%9E' })),
    );
    expect(flat).toContain(squash('https://www.vulbox.example.cn/漏洞'));
    expect(flat).toContain(squash('核验网址：https://vcp.example.gov.cn/public/filings/工信漏备202600001号'));
    expect(flat).not.toContain('%E6%BC%8F%E6%B4%9E');
  });
});
