/**
 * 备案证明: proof that a platform has filed (Article 5). One A4 page with the number, the platform, its homepage and
 * ICP number, the sponsor (an individual's name masked, as in the public registry), the filing date and the issuing
 * authority; a QR code that opens the public record, and the HTML snippet that shows the number, linked to that
 * record, at the bottom of the platform's homepage.
 */
import { PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import QRCode from 'qrcode';
import { footerSnippet } from '../../shared/filing/publicRecord.js';
import { embedFonts } from './font.js';
import { A4, baselineIn, chineseDate, drawCentered, drawText, GREY, type TextStyle, wrapText } from './pdfLayout.js';

export interface CertificateInput {
  filingNumber: string;
  platformName: string;
  homepageUrl: string;
  icpNumber: string;
  /** As published: an individual's name is already masked. */
  sponsorName: string;
  sponsorType: string;
  sponsorTypeLabel: string;
  /** YYYY-MM-DD */
  filingDate: string;
  /** The public record's page, the QR code's content. */
  publicUrl: string;
}

export const CERTIFICATE_TITLE = '网络产品安全漏洞收集平台备案证明';
export const ISSUER = '工业和信息化部';
export const SNIPPET_HINT = '请在网站主页底部位置标明备案编号（第五条）';

const RED = rgb(0.6, 0.1, 0.1);
const BOX = rgb(0.95, 0.95, 0.95);
const X0 = 90;
const X1 = A4.width - 90;

/** The QR code as PNG: the same function serves the document and the tests that check it. */
export function qrPng(url: string): Promise<Buffer> {
  return QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 1, scale: 8 });
}

/** At most `max` lines, the last one cut with an ellipsis. */
function clamp(lines: string[], max: number): string[] {
  if (lines.length <= max) return lines;
  const kept = lines.slice(0, max);
  kept[max - 1] = `${(kept[max - 1] ?? '').slice(0, -1)}…`;
  return kept;
}

/** Draws wrapped lines from `y` (the top of the first line box) down; returns the new `y`. */
function lines(page: PDFPage, text: string, x: number, y: number, w: number, st: TextStyle, lh: number, max = 3) {
  for (const line of clamp(wrapText(st.font, text, st.size, w), max)) {
    drawText(page, line, x, baselineIn(y, lh, st.size), st);
    y -= lh;
  }
  return y;
}

/** The largest size up to `max` at which `text` fits `width`. */
const fitSize = (font: PDFFont, text: string, max: number, width: number) =>
  Math.min(max, (width / font.widthOfTextAtSize(text, 1)) * 0.98);

const STATEMENT =
  '经核查，上述漏洞收集平台已依据《网络产品安全漏洞收集平台备案管理办法》完成备案，备案信息已通过工业和信息化部网络安全威胁和漏洞信息共享平台向社会公布。备案信息发生变化的，应当自信息变化之日起30日内变更备案；不再从事漏洞收集业务的，应当履行备案注销手续。';

export async function certificatePdf(input: CertificateInput): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`${CERTIFICATE_TITLE}（${input.filingNumber}）`);
  doc.setCreator('VCP Filing 漏洞收集平台备案管理系统');
  doc.setProducer('VCP Filing');
  const { sans: font, mono } = await embedFonts(doc, ['sans', 'mono']);
  const page = doc.addPage([A4.width, A4.height]);
  const sans = (size: number, extra: Partial<TextStyle> = {}): TextStyle => ({ font, size, ...extra });

  // A double frame, the title and the number.
  page.drawRectangle({
    x: 28,
    y: 28,
    width: A4.width - 56,
    height: A4.height - 56,
    borderColor: RED,
    borderWidth: 2.5,
  });
  page.drawRectangle({
    x: 35,
    y: 35,
    width: A4.width - 70,
    height: A4.height - 70,
    borderColor: RED,
    borderWidth: 0.7,
  });
  drawCentered(page, CERTIFICATE_TITLE, 740, sans(fitSize(font, CERTIFICATE_TITLE, 24, X1 - X0), { bold: true }));
  drawCentered(page, '备案编号', 700, sans(11, { color: GREY }));
  const numberSize = fitSize(font, input.filingNumber, 26, X1 - X0);
  drawCentered(page, input.filingNumber, 668, sans(numberSize, { bold: true, color: RED }));

  // From the bottom up: the verification URL, the snippet box and its hint, then the QR code and the issuer.
  const hintTop = drawSnippet(page, input, font, mono, 84);
  const qrTop = await drawQrAndIssuer(doc, page, input, font, hintTop + 40);

  // The record between the number and the QR code: long values get fewer lines when space runs short.
  const individual = input.sponsorType === 'individual';
  const fields: [string, string][] = [
    ['漏洞收集平台名称', input.platformName],
    ['网站首页网址', readable(input.homepageUrl)],
    ['ICP备案号', input.icpNumber],
    [individual ? '主办个人' : '主办单位', `${input.sponsorName}（${input.sponsorTypeLabel}）`],
    ['备案日期', chineseDate(input.filingDate)],
  ];
  const labelW = font.widthOfTextAtSize('漏洞收集平台名称：', 12);
  const valueW = X1 - X0 - labelW - 4;
  const statement = wrapText(font, `\u3000\u3000${STATEMENT}`, 12, X1 - X0);
  const height = (max: number) =>
    fields.reduce((h, [, v]) => h + clamp(wrapText(font, v, 13, valueW), max).length * 24 + 6, 0) +
    10 +
    statement.length * 21;
  const top = 630;
  const maxLines = [3, 2].find((n) => top - height(n) >= qrTop + 12) ?? 1;
  let y = top;
  for (const [label, value] of fields) {
    const lw = font.widthOfTextAtSize(`${label}：`, 12);
    drawText(page, `${label}：`, X0 + labelW - lw, baselineIn(y, 24, 12), sans(12, { color: GREY }));
    y = lines(page, value, X0 + labelW + 4, y, valueW, sans(13), 24, maxLines) - 6;
  }
  y -= 10;
  for (const line of statement) {
    drawText(page, line, X0, baselineIn(y, 21, 12), sans(12));
    y -= 21;
  }
  return doc.save();
}

/** The hint and the snippet in a monospaced box, the verification URL under it; returns the top of the hint. */
function drawSnippet(page: PDFPage, input: CertificateInput, font: PDFFont, mono: PDFFont, urlTop: number): number {
  const boxX0 = X0 - 30;
  const boxW = X1 - X0 + 60;
  const text = footerSnippet(input.publicUrl, input.filingNumber);
  // Small enough that `<a href="…"` fits a line, so lines break only at spaces between attributes.
  const [tag = '', href = '', ...rest] = text.split(' ');
  const longest = Math.max(...[`${tag} ${href}`, ...rest].map((t) => mono.widthOfTextAtSize(t, 1)));
  const size = Math.max(6, Math.min(9, (boxW - 16) / longest));
  const lh = size * 1.55;
  const snippet = clamp(wrapText(mono, text, size, boxW - 16), 5);
  const boxH = snippet.length * lh + 12;
  lines(page, `核验网址：${readable(input.publicUrl)}`, boxX0, urlTop, boxW, { font, size: 8.5, color: GREY }, 13, 2);
  const boxTop = urlTop + 8 + boxH;
  page.drawRectangle({
    x: boxX0,
    y: boxTop - boxH,
    width: boxW,
    height: boxH,
    color: BOX,
    borderColor: GREY,
    borderWidth: 0.5,
  });
  let y = boxTop - 6;
  for (const line of snippet) {
    drawText(page, line, boxX0 + 8, baselineIn(y, lh, size), { font: mono, size });
    y -= lh;
  }
  const hintTop = boxTop + 24;
  drawText(page, `${SNIPPET_HINT}，可将以下代码加入网站主页底部：`, boxX0, baselineIn(hintTop, 18, 10), {
    font,
    size: 10,
  });
  return hintTop;
}

/** The QR code (left) and the issuing authority with the date (right) above `bottom`; returns the QR code's top. */
async function drawQrAndIssuer(
  doc: PDFDocument,
  page: PDFPage,
  input: CertificateInput,
  font: PDFFont,
  bottom: number,
) {
  const qr = await doc.embedPng(await qrPng(input.publicUrl));
  const qrSize = 112;
  page.drawImage(qr, { x: X0, y: bottom, width: qrSize, height: qrSize });
  const caption = '扫码核验备案状态';
  const grey = { font, size: 9, color: GREY };
  drawText(page, caption, X0 + (qrSize - font.widthOfTextAtSize(caption, 9)) / 2, bottom - 14, grey);
  const issuerW = font.widthOfTextAtSize(ISSUER, 15);
  const issuerX = X1 - issuerW - font.widthOfTextAtSize('\u3000', 12);
  const issuerY = bottom + qrSize / 2 + 6;
  const label = '发证机关：';
  drawText(page, label, issuerX - font.widthOfTextAtSize(label, 12), issuerY, { ...grey, size: 12 });
  drawText(page, ISSUER, issuerX, issuerY, { font, size: 15, bold: true });
  const date = chineseDate(input.filingDate);
  drawText(page, date, issuerX + (issuerW - font.widthOfTextAtSize(date, 12)) / 2, issuerY - 26, { font, size: 12 });
  return bottom + qrSize;
}

/** The URL as people read it (percent-escapes of Chinese characters shown as the characters). */
function readable(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}
