/**
 * Looking inside generated documents in tests: poppler-utils (pdftotext, pdffonts, pdftoppm, pdfimages; installed by
 * .ci/run) for PDFs, fflate for DOCX. Renders can run under an empty fontconfig, as on a machine with no fonts at all.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';

export const hasPoppler = spawnSync('pdftotext', ['-v']).status === 0;
/** Appended to test names that poppler decides, so a skipped run says why. */
export const popplerNote = hasPoppler ? '' : ' [skipped: pdftotext (poppler-utils) is not installed; CI installs it]';

function withFile<T>(bytes: Uint8Array, fn: (file: string, dir: string) => T): T {
  const dir = mkdtempSync(path.join(tmpdir(), 'vcp-pdf-'));
  try {
    const file = path.join(dir, 'doc.pdf');
    writeFileSync(file, bytes);
    return fn(file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text poppler extracts, in reading order (or in content-stream order with `raw`). */
export function pdfText(bytes: Uint8Array, opts: { raw?: boolean; page?: number } = {}): string {
  return withFile(bytes, (file) => {
    const args = [...(opts.raw ? ['-raw'] : []), ...(opts.page ? ['-f', `${opts.page}`, '-l', `${opts.page}`] : [])];
    return execFileSync('pdftotext', ['-enc', 'UTF-8', ...args, file, '-'], { encoding: 'utf8', stdio: 'pipe' });
  });
}

/** Without any whitespace: Chinese text has none, and line breaks fall anywhere. */
export const squash = (s: string) => s.replace(/\s+/g, '');

export function pageCount(bytes: Uint8Array): number {
  return withFile(bytes, (file) => {
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8', stdio: 'pipe' });
    return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
  });
}

export interface FontInfo {
  name: string;
  type: string;
  embedded: boolean;
  subset: boolean;
  unicode: boolean;
}

export function pdfFonts(bytes: Uint8Array): FontInfo[] {
  return withFile(bytes, (file) => {
    const out = execFileSync('pdffonts', [file], { encoding: 'utf8', stdio: 'pipe' })
      .split('\n')
      .slice(2)
      .filter(Boolean);
    return out.map((line) => {
      const m = /^(\S+)\s+(.+?)\s+(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$/.exec(line.trim());
      if (!m) throw new Error(`unexpected pdffonts line: ${line}`);
      return {
        name: m[1] ?? '',
        type: m[2] ?? '',
        embedded: m[4] === 'yes',
        subset: m[5] === 'yes',
        unicode: m[6] === 'yes',
      };
    });
  });
}

/** A word's box on a page, in PDF points from the top left (pdftotext -bbox). */
export interface WordBox {
  word: string;
  page: number;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export function wordBoxes(bytes: Uint8Array): WordBox[] {
  const html = withFile(bytes, (file) =>
    execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8', stdio: 'pipe' }),
  );
  const boxes: WordBox[] = [];
  let page = 0;
  for (const m of html.matchAll(
    /<page [^>]*>|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
  )) {
    if (m[0].startsWith('<page')) page++;
    else
      boxes.push({
        word: m[5] ?? '',
        page,
        xMin: +(m[1] ?? 0),
        yMin: +(m[2] ?? 0),
        xMax: +(m[3] ?? 0),
        yMax: +(m[4] ?? 0),
      });
  }
  return boxes;
}

export interface Gray {
  width: number;
  height: number;
  /** One byte a pixel, 0 black … 255 white (maxval 255). */
  data: Uint8Array;
  channels: number;
}

/** Reads binary PGM (P5) and PPM (P6) files. */
export function readPnm(buf: Buffer): Gray {
  const header = /^(P[56])\s+(?:#.*\s+)*(\d+)\s+(\d+)\s+(\d+)\s/.exec(buf.subarray(0, 100).toString('latin1'));
  if (!header) throw new Error('not a binary PGM/PPM file');
  const channels = header[1] === 'P6' ? 3 : 1;
  return {
    width: Number(header[2]),
    height: Number(header[3]),
    channels,
    data: new Uint8Array(buf.subarray(header[0].length)),
  };
}

let noFonts: NodeJS.ProcessEnv | undefined;

/** An empty fontconfig: no font directories, so a PDF can only show the fonts it embeds. */
export function noFontsEnv(): NodeJS.ProcessEnv {
  if (noFonts) return noFonts;
  const dir = mkdtempSync(path.join(tmpdir(), 'vcp-nofonts-'));
  mkdirSync(path.join(dir, 'cache'));
  const conf = path.join(dir, 'fonts.conf');
  writeFileSync(
    conf,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><cachedir>${dir}/cache</cachedir></fontconfig>\n`,
  );
  noFonts = { ...process.env, FONTCONFIG_FILE: conf, FONTCONFIG_PATH: dir };
  return noFonts;
}

/** Renders one page in greys at `dpi`; `env` may hide the system's fonts. */
export function renderGray(
  bytes: Uint8Array,
  opts: { page?: number; dpi?: number; env?: NodeJS.ProcessEnv } = {},
): Gray {
  const page = String(opts.page ?? 1);
  return withFile(bytes, (file, dir) => {
    const out = path.join(dir, 'page');
    execFileSync(
      'pdftoppm',
      ['-gray', '-r', String(opts.dpi ?? 50), '-f', page, '-l', page, '-singlefile', file, out],
      {
        env: opts.env ?? process.env,
        stdio: 'pipe',
      },
    );
    return readPnm(readFileSync(`${out}.pgm`));
  });
}

/** Share of dark pixels (below mid-grey) in a box given in PDF points from the top left. */
export function darkShare(
  img: Gray,
  box: { xMin: number; yMin: number; xMax: number; yMax: number },
  dpi = 50,
): number {
  const k = dpi / 72;
  const [x0, x1] = [Math.floor(box.xMin * k), Math.min(img.width, Math.ceil(box.xMax * k))];
  const [y0, y1] = [Math.floor(box.yMin * k), Math.min(img.height, Math.ceil(box.yMax * k))];
  let dark = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if ((img.data[y * img.width + x] ?? 255) < 128) dark++;
  return dark / Math.max(1, (x1 - x0) * (y1 - y0));
}

/** The images of page 1 as poppler extracts them (colour ones as PPM, masks as PGM). */
export function pdfImages(bytes: Uint8Array): Gray[] {
  return withFile(bytes, (file, dir) => {
    execFileSync('pdfimages', ['-f', '1', '-l', '1', file, path.join(dir, 'img')], { stdio: 'pipe' });
    return readdirSync(dir)
      .filter((f) => f.startsWith('img'))
      .sort()
      .map((f) => readPnm(readFileSync(path.join(dir, f))));
  });
}

/** The parts of a DOCX (a zip), by path. */
export function unzipDocx(bytes: Uint8Array): Record<string, string> {
  const files = unzipSync(bytes);
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strFromU8(v)]));
}

/** The text of a WordprocessingML part: paragraphs on lines, tags gone, entities decoded. */
export function docxText(documentXml: string): string {
  return documentXml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<w:tab\/>/g, '\t')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
