/**
 * Small layout helpers over pdf-lib for the generated documents: line wrapping for mixed Chinese and Latin text,
 * drawing with a stroked ("bold") variant of the one face we carry, and a page flow that moves text onto new A4
 * pages and prints a footer with page numbers on every page at the end.
 */
import {
  type Color,
  type PDFDocument,
  type PDFFont,
  type PDFPage,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  setLineWidth,
  setStrokingColor,
  setTextRenderingMode,
  TextRenderingMode,
} from 'pdf-lib';

export const A4: { readonly width: number; readonly height: number } = { width: 595.28, height: 841.89 };
export const MARGIN = { top: 64, bottom: 72, left: 56, right: 56 } as const;
export const CONTENT_WIDTH = A4.width - MARGIN.left - MARGIN.right;
export const BLACK = rgb(0, 0, 0);
export const GREY = rgb(0.4, 0.4, 0.4);

/** 2026-11-27 → 2026年11月27日 */
export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

/** Characters a line should not start with, and those it should not end with (Chinese line-breaking rules). */
const NO_LINE_START = new Set('，。、；：？！）》」』】〕”’…—,.;:?!)]}%'.split(''));
const NO_LINE_END = new Set('（《「『【〔“‘([{'.split(''));

/** Tabs become spaces; other control characters (except newlines) go. */
export function cleanText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, '    ')
    .replace(/\p{Cc}/gu, (c) => (c === '\n' ? c : ''));
}

/** Latin words (and numbers, URLs) stay together; every other character is a token of its own. */
function tokens(paragraph: string): string[] {
  return paragraph.match(/[\x21-\x7e\u00c0-\u024f]+|\s+|./gu) ?? [];
}

/**
 * Greedy wrapping into lines no wider than `maxWidth`: between any two Chinese characters, at spaces between
 * words, and inside a word only when the word alone is too long (URLs, digests). Newlines are kept.
 */
export function wrapText(font: PDFFont, text: string, size: number, maxWidth: number): string[] {
  const width = (s: string) => font.widthOfTextAtSize(s, size);
  const out: string[] = [];
  for (const paragraph of cleanText(text).split('\n')) {
    let line = '';
    /** Ends the line; `carry` characters at its end move down to the next one. */
    const push = (carry = '') => {
      out.push(line.slice(0, line.length - carry.length).trimEnd());
      line = carry;
    };
    for (const token of tokens(paragraph)) {
      if (width(line + token) <= maxWidth) {
        line += token;
        continue;
      }
      if (/^\s+$/.test(token)) {
        push();
        continue;
      }
      const chars = [...line];
      if (chars.length > 1 && (NO_LINE_START.has(token) || NO_LINE_END.has(chars[chars.length - 1] ?? ''))) {
        // Carry characters down rather than start a line with a closing mark or end one with an opening mark.
        let keep = NO_LINE_START.has(token) ? chars.length - 1 : chars.length;
        while (keep > 1 && NO_LINE_END.has(chars[keep - 1] ?? '')) keep--;
        push(chars.slice(keep).join(''));
        line += token;
        continue;
      }
      if (width(token) <= maxWidth) {
        if (line.trim()) push();
        line = token;
        continue;
      }
      // A word longer than a line: broken anywhere, starting on the current line.
      for (const ch of token) {
        if (line && width(line + ch) > maxWidth) push();
        line += ch;
      }
    }
    out.push(line.trimEnd());
  }
  return out;
}

export interface TextStyle {
  font: PDFFont;
  size: number;
  color?: Color;
  /** Fill and stroke the outlines: a heavier weight from the same face. */
  bold?: boolean;
}

export function drawText(page: PDFPage, text: string, x: number, y: number, style: TextStyle): void {
  const color = style.color ?? BLACK;
  if (style.bold) {
    page.pushOperators(
      pushGraphicsState(),
      setTextRenderingMode(TextRenderingMode.FillAndOutline),
      setLineWidth(style.size / 28),
      setStrokingColor(color),
    );
  }
  page.drawText(text, { x, y, size: style.size, font: style.font, color });
  if (style.bold) page.pushOperators(popGraphicsState());
}

export function drawCentered(page: PDFPage, text: string, y: number, style: TextStyle, x0 = 0, w = A4.width): void {
  drawText(page, text, x0 + (w - style.font.widthOfTextAtSize(text, style.size)) / 2, y, style);
}

/** The baseline that centres a line of Chinese text of `size` in a line box whose top is `top`. */
export const baselineIn = (top: number, lineHeight: number, size: number) => top - lineHeight / 2 - 0.36 * size;

export interface FlowOptions {
  /** Left, centre and right texts of the footer, given the page number and the page count. */
  footer?: (page: number, pages: number) => [string, string, string];
}

/** A cursor over pages: `y` is where the next thing goes; `ensure` starts a new page when something does not fit. */
export class PageFlow {
  readonly pages: PDFPage[] = [];
  page!: PDFPage;
  y = 0;
  readonly left = MARGIN.left;
  readonly width = CONTENT_WIDTH;
  readonly bottom = MARGIN.bottom;

  constructor(
    readonly doc: PDFDocument,
    readonly font: PDFFont,
    private readonly opts: FlowOptions = {},
  ) {
    this.newPage();
  }

  newPage(): void {
    this.page = this.doc.addPage([A4.width, A4.height]);
    this.pages.push(this.page);
    this.y = A4.height - MARGIN.top;
  }

  /** Room left above the bottom margin. */
  get room(): number {
    return this.y - this.bottom;
  }

  ensure(height: number): void {
    if (height > this.room) this.newPage();
  }

  space(height: number): void {
    this.y -= height;
  }

  /** A wrapped paragraph; `hanging` is a label (e.g. "1、") set in front of the first line, the rest indented. */
  paragraph(
    text: string,
    style: Omit<TextStyle, 'font'> & { lineHeight?: number; indent?: number; hanging?: string; align?: 'center' },
  ): void {
    const st = { ...style, font: this.font };
    const lh = style.lineHeight ?? style.size * 1.6;
    const hang = style.hanging ? this.font.widthOfTextAtSize(style.hanging, style.size) + style.size * 0.25 : 0;
    const indent = style.indent ?? 0;
    const lines = wrapText(this.font, text, style.size, this.width - indent - hang);
    lines.forEach((line, i) => {
      this.ensure(lh);
      const base = baselineIn(this.y, lh, style.size);
      if (i === 0 && style.hanging) drawText(this.page, style.hanging, this.left + indent, base, st);
      if (style.align === 'center') drawCentered(this.page, line, base, st, this.left, this.width);
      else drawText(this.page, line, this.left + indent + hang, base, st);
      this.y -= lh;
    });
  }

  /** Prints the footer on every page, once the page count is known. */
  finish(): void {
    const { footer } = this.opts;
    if (!footer) return;
    const style = { font: this.font, size: 8, color: GREY };
    const y = MARGIN.bottom / 2 - 4;
    this.pages.forEach((page, i) => {
      const [l, c, r] = footer(i + 1, this.pages.length);
      page.drawLine({
        start: { x: MARGIN.left, y: y + 14 },
        end: { x: A4.width - MARGIN.right, y: y + 14 },
        thickness: 0.5,
        color: GREY,
      });
      drawText(page, l, MARGIN.left, y, style);
      drawCentered(page, c, y, style);
      drawText(page, r, A4.width - MARGIN.right - this.font.widthOfTextAtSize(r, 8), y, style);
    });
  }
}
