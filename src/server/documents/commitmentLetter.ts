/**
 * 附件2 承诺书 as a template to print, sign, seal and scan (Article 4 (7)): the seed's text word for word, the
 * sponsor's name filled in, and lines left blank for the legal representative's signature, the seal and the date.
 * As PDF (the font subset inside) and as DOCX (for those who must retype it on letterhead).
 */
import {
  AlignmentType,
  Document,
  type IRunOptions,
  Packer,
  Paragraph,
  type ParagraphChild,
  TextRun,
  UnderlineType,
} from 'docx';
import { PDFDocument } from 'pdf-lib';
import type { SponsorType } from '../../shared/filing/status.js';
import { COMMITMENT, itemLabel } from './commitmentText.js';
import { embedFonts } from './font.js';
import { baselineIn, drawText, PageFlow } from './pdfLayout.js';

export interface CommitmentInput {
  sponsorName?: string | undefined;
  sponsorType?: SponsorType | undefined;
}

/** Who makes the promise: the sponsoring organisation, or the individual who sponsors the platform. */
export const committerLabel = (type: SponsorType | undefined) => (type === 'individual' ? '承诺人：' : '承诺单位：');

const BODY = 13;
const LINE = 23;

export async function commitmentLetterPdf(input: CommitmentInput): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(COMMITMENT.title);
  doc.setSubject(input.sponsorName ? `${COMMITMENT.title}（${input.sponsorName}）` : COMMITMENT.title);
  doc.setCreator('VCP Filing 漏洞收集平台备案管理系统');
  doc.setProducer('VCP Filing');
  const { sans: font } = await embedFonts(doc);
  const flow = new PageFlow(doc, font);
  const em = (n: number, size = BODY) => font.widthOfTextAtSize('\u3000', size) * n;

  flow.paragraph(COMMITMENT.attachmentLabel, { size: 14, bold: true });
  flow.space(14);
  flow.paragraph(COMMITMENT.title, { size: 20, bold: true, align: 'center', lineHeight: 30 });
  flow.space(22);

  // 承诺单位：<name>, the name underlined; a blank line to fill in by hand while the draft has no name yet.
  const label = committerLabel(input.sponsorType);
  const name = input.sponsorName?.trim() ?? '';
  if (name) {
    flow.paragraph(`${label}${name}`, { size: BODY, lineHeight: LINE });
  } else {
    flow.ensure(LINE);
    const base = baselineIn(flow.y, LINE, BODY);
    drawText(flow.page, label, flow.left, base, { font, size: BODY });
    const x = flow.left + font.widthOfTextAtSize(label, BODY);
    flow.page.drawLine({ start: { x, y: base - 3 }, end: { x: x + em(16), y: base - 3 }, thickness: 0.6 });
    flow.space(LINE);
  }
  flow.space(10);

  flow.paragraph(COMMITMENT.intro, { size: BODY, lineHeight: LINE, indent: em(2) });
  COMMITMENT.items.forEach((item, i) => {
    flow.paragraph(item, { size: BODY, lineHeight: LINE, indent: em(2), hanging: itemLabel(i) });
  });

  // The signature block, on the right half, with room for ink.
  const rowGap = 40;
  flow.space(24);
  flow.ensure(3 * rowGap);
  const x = flow.left + flow.width * 0.4;
  const lineEnd = flow.left + flow.width;
  const { signer, seal, date } = COMMITMENT.signature;
  for (const text of [signer, seal, date]) {
    const base = baselineIn(flow.y, LINE, BODY);
    drawText(flow.page, text, x, base, { font, size: BODY });
    const start = x + font.widthOfTextAtSize(text, BODY);
    if (text === date) {
      // ____年__月__日
      let at = start;
      for (const [blank, unit] of [
        [3.5, '年'],
        [2, '月'],
        [2, '日'],
      ] as const) {
        flow.page.drawLine({ start: { x: at, y: base - 3 }, end: { x: at + em(blank), y: base - 3 }, thickness: 0.6 });
        at += em(blank);
        drawText(flow.page, unit, at + 1, base, { font, size: BODY });
        at += em(1) + 2;
      }
    } else {
      flow.page.drawLine({ start: { x: start, y: base - 3 }, end: { x: lineEnd, y: base - 3 }, thickness: 0.6 });
    }
    flow.space(rowGap);
  }
  return doc.save();
}

const SONG = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体' };
const HEI = { ascii: 'Arial', hAnsi: 'Arial', eastAsia: '黑体' };
const run = (text: string, opts: Omit<IRunOptions, 'text'> = {}) =>
  new TextRun({ text, font: SONG, size: 28, ...opts });
const blank = (chars: number) => run('\u3000'.repeat(chars), { underline: { type: UnderlineType.SINGLE } });
const para = (children: ParagraphChild[], opts: { indent?: boolean; center?: boolean; after?: number } = {}) =>
  new Paragraph({
    children,
    spacing: { line: 480, after: opts.after ?? 0 },
    ...(opts.indent ? { indent: { firstLineChars: 200 } } : {}),
    ...(opts.center ? { alignment: AlignmentType.CENTER } : {}),
  });

export async function commitmentLetterDocx(input: CommitmentInput): Promise<Buffer> {
  const name = input.sponsorName?.trim() ?? '';
  const { signer, seal, date } = COMMITMENT.signature;
  const signatureIndent = { left: 4200 };
  const doc = new Document({
    title: COMMITMENT.title,
    creator: 'VCP Filing 漏洞收集平台备案管理系统',
    styles: { default: { document: { run: { font: SONG, size: 28 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 1440, bottom: 1440, left: 1588, right: 1474 },
          },
        },
        children: [
          para([run(COMMITMENT.attachmentLabel, { font: HEI, size: 32 })]),
          para([run(COMMITMENT.title, { font: HEI, size: 40, bold: true })], { center: true, after: 240 }),
          para([
            run(committerLabel(input.sponsorType)),
            name ? run(name, { underline: { type: UnderlineType.SINGLE } }) : blank(16),
          ]),
          para([run(COMMITMENT.intro)], { indent: true }),
          ...COMMITMENT.items.map((item, i) => para([run(`${itemLabel(i)}${item}`)], { indent: true })),
          para([]),
          new Paragraph({ children: [run(signer), blank(8)], indent: signatureIndent, spacing: { line: 720 } }),
          new Paragraph({ children: [run(seal), blank(8)], indent: signatureIndent, spacing: { line: 720 } }),
          new Paragraph({
            children: [run(date), blank(3), run('年'), blank(2), run('月'), blank(2), run('日')],
            indent: signatureIndent,
            spacing: { line: 720 },
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
