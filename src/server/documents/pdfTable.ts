/**
 * A bordered form table like the seed's 附件1: each section has its name in a shaded column on the left, spanning
 * the section's rows; the rows hold one or more cells. A row too tall for the page is split line by line and goes on
 * over the next page, where the section's name is repeated with （续）.
 */
import { rgb } from 'pdf-lib';
import { baselineIn, drawText, GREY, type PageFlow, wrapText } from './pdfLayout.js';

export interface Cell {
  text: string;
  /** A share of the row's width (the shares of a row are normalised). */
  span?: number;
  /** A shaded heading cell, centred. */
  header?: boolean;
  /** A small raised mark after the text, like the seed's 有效证件号码注. */
  note?: string;
  /** Grey text: the seed's description of what a section holds. */
  muted?: boolean;
}

export interface Section {
  label: string;
  rows: Cell[][];
}

export interface TableStyle {
  size: number;
  lineHeight: number;
  pad: number;
  labelWidth: number;
}

export const DEFAULT_TABLE: TableStyle = { size: 10.5, lineHeight: 16, pad: 5, labelWidth: 118 };

const SHADE = rgb(0.93, 0.94, 0.96);
const BORDER = rgb(0.25, 0.25, 0.25);
/** A row is split over pages only when at least this many lines still fit; otherwise it moves on whole. */
const MIN_SPLIT_LINES = 3;

interface LaidCell extends Cell {
  x: number;
  w: number;
  lines: string[];
}

function box(flow: PageFlow, x: number, top: number, w: number, h: number, shaded: boolean) {
  flow.page.drawRectangle({
    x,
    y: top - h,
    width: w,
    height: h,
    borderColor: BORDER,
    borderWidth: 0.6,
    ...(shaded ? { color: SHADE } : {}),
  });
}

function layRow(flow: PageFlow, row: Cell[], st: TableStyle): LaidCell[] {
  const x0 = flow.left + st.labelWidth;
  const total = row.reduce((n, c) => n + (c.span ?? 1), 0);
  let x = x0;
  return row.map((c) => {
    const w = ((flow.width - st.labelWidth) * (c.span ?? 1)) / total;
    const noteW = c.note ? flow.font.widthOfTextAtSize(c.note, st.size * 0.6) : 0;
    const cell = { ...c, x, w, lines: wrapText(flow.font, c.text, st.size, w - 2 * st.pad - noteW) };
    x += w;
    return cell;
  });
}

/** Draws lines [from, to) of every cell in a row box of height `h` whose top is the flow's `y`. */
function drawRowPart(flow: PageFlow, cells: LaidCell[], from: number, to: number, h: number, st: TableStyle) {
  const top = flow.y;
  for (const c of cells) {
    box(flow, c.x, top, c.w, h, !!c.header);
    const lines = c.lines.slice(from, to);
    // Vertically centred in its box (a split part starts at the top, since it fills the box).
    let y = top - (h - lines.length * st.lineHeight) / 2;
    const style = { font: flow.font, size: st.size, ...(c.muted ? { color: GREY } : {}) };
    lines.forEach((line, i) => {
      const lw = flow.font.widthOfTextAtSize(line, st.size);
      const lx = c.header ? c.x + (c.w - lw) / 2 : c.x + st.pad;
      const base = baselineIn(y, st.lineHeight, st.size);
      drawText(flow.page, line, lx, base, style);
      if (c.note && from + i === c.lines.length - 1)
        drawText(flow.page, c.note, lx + lw + 0.5, base + st.size * 0.45, { ...style, size: st.size * 0.6 });
      y -= st.lineHeight;
    });
  }
  flow.y -= h;
}

function drawLabel(flow: PageFlow, label: string, top: number, st: TableStyle) {
  const h = top - flow.y;
  if (h <= 0) return;
  box(flow, flow.left, top, st.labelWidth, h, true);
  const lines = wrapText(flow.font, label, st.size, st.labelWidth - 2 * st.pad);
  let y = top - (h - lines.length * st.lineHeight) / 2;
  for (const line of lines) {
    const lw = flow.font.widthOfTextAtSize(line, st.size);
    const base = baselineIn(y, st.lineHeight, st.size);
    drawText(flow.page, line, flow.left + (st.labelWidth - lw) / 2, base, { font: flow.font, size: st.size });
    y -= st.lineHeight;
  }
}

export function drawSection(flow: PageFlow, section: Section, st: TableStyle = DEFAULT_TABLE): void {
  const rows = section.rows.map((r) => layRow(flow, r, st));
  const rowHeight = (cells: LaidCell[], from = 0) =>
    Math.max(1, ...cells.map((c) => c.lines.length - from)) * st.lineHeight + 2 * st.pad;
  const labelHeight = (label: string) =>
    wrapText(flow.font, label, st.size, st.labelWidth - 2 * st.pad).length * st.lineHeight + 2 * st.pad;
  // The section is at least as tall as its name.
  const shortBy = labelHeight(section.label) - rows.reduce((n, r) => n + rowHeight(r), 0);

  // Keep a section's start with (the start of) its first row.
  if (rows[0]) flow.ensure(Math.min(rowHeight(rows[0]), MIN_SPLIT_LINES * st.lineHeight + 2 * st.pad));
  let label = section.label;
  let top = flow.y;
  const breakPage = () => {
    drawLabel(flow, label, top, st);
    flow.newPage();
    label = `${section.label}（续）`;
    top = flow.y;
  };

  rows.forEach((cells, r) => {
    const extra = r === rows.length - 1 ? Math.max(0, shortBy) : 0;
    let from = 0;
    const maxLines = Math.max(1, ...cells.map((c) => c.lines.length));
    for (;;) {
      const need = rowHeight(cells, from) + extra;
      if (need <= flow.room) {
        drawRowPart(flow, cells, from, maxLines, need, st);
        return;
      }
      const fit = Math.floor((flow.room - 2 * st.pad) / st.lineHeight);
      if (fit >= MIN_SPLIT_LINES && maxLines - from > fit) {
        drawRowPart(flow, cells, from, from + fit, fit * st.lineHeight + 2 * st.pad, st);
        from += fit;
      }
      breakPage();
    }
  });
  drawLabel(flow, label, top, st);
}
