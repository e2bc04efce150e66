/**
 * Judging a homepage (SPEC §10, Article 5: the filing number at the bottom of the homepage). Only visible text counts
 * (no script, style, template, head, `hidden`, `aria-hidden="true"`, `display:none` or `visibility:hidden`); text is
 * normalised (NFKC: full-width digits and letters, ideographic spaces) and compared with all white space removed.
 * "Bottom" is a footer (`<footer>`, `role="contentinfo"`, an id or class containing footer, bottom or copyright) or
 * the last fifth of the visible text.
 */
import { Parser } from 'htmlparser2';

export type JudgeOutcome = 'found' | 'not_at_bottom' | 'other_number' | 'not_found';

export interface Judgement {
  outcome: JudgeOutcome;
  /** Where the number was found, for `found`. */
  where?: 'footer' | 'last_fifth';
  /** The visible text around the (first relevant) match. */
  excerpt: string;
  /** For `other_number`: the numbers of the same form that were shown instead. */
  otherNumbers?: string[];
  /** Little visible text but scripts: the page is probably built by JavaScript and should be rendered. */
  scriptBuilt: boolean;
  visibleLength: number;
}

const SKIP_TAGS = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'svg', 'iframe', 'object']);
const FOOTER_WORD = /footer|bottom|copyright/i;
/** Block-level tags: a text break between them, so words of two blocks do not join. */
const BREAK_TAGS = new Set(['p', 'div', 'br', 'li', 'tr', 'td', 'section', 'footer', 'header', 'h1', 'h2', 'h3']);

export function normaliseText(s: string): string {
  return s.normalize('NFKC');
}

/** The number with white space removed, NFKC-normalised: the form both sides are compared in. */
export function compactNumber(filingNumber: string): string {
  return normaliseText(filingNumber).replace(/\s+/g, '');
}

function isHidden(attrs: Record<string, string>): boolean {
  if ('hidden' in attrs) return true;
  if ((attrs['aria-hidden'] ?? '').trim().toLowerCase() === 'true') return true;
  const style = (attrs.style ?? '').toLowerCase().replace(/\s+/g, '');
  return style.includes('display:none') || style.includes('visibility:hidden');
}

function isFooter(name: string, attrs: Record<string, string>): boolean {
  if (name === 'footer') return true;
  if ((attrs.role ?? '').toLowerCase() === 'contentinfo') return true;
  return FOOTER_WORD.test(attrs.id ?? '') || FOOTER_WORD.test(attrs.class ?? '');
}

interface Frame {
  name: string;
  hidden: boolean;
  footer: boolean;
}

interface VisibleText {
  /** Visible text, segments joined with a space. */
  text: string;
  /** Per character of `text`: inside a footer. */
  footer: Uint8Array;
  scripts: number;
}

export function visibleText(html: string): VisibleText {
  const parts: string[] = [];
  const flags: number[] = [];
  const stack: Frame[] = [];
  let hiddenDepth = 0;
  let footerDepth = 0;
  let scripts = 0;
  const push = (s: string, footer: boolean) => {
    parts.push(s);
    flags.push(footer ? 1 : 0, s.length);
  };
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'script') scripts++;
        const hidden = SKIP_TAGS.has(name) || isHidden(attrs);
        const footer = isFooter(name, attrs);
        stack.push({ name, hidden, footer });
        if (hidden) hiddenDepth++;
        if (footer) footerDepth++;
        if (BREAK_TAGS.has(name)) push(' ', footerDepth > 0);
      },
      ontext(text) {
        if (hiddenDepth > 0) return;
        push(text, footerDepth > 0);
      },
      onclosetag(name) {
        // htmlparser2 closes implied elements itself, so the top of the stack is the element being closed.
        const top = stack[stack.length - 1];
        if (!top || top.name !== name) return;
        stack.pop();
        if (top.hidden) hiddenDepth--;
        if (top.footer) footerDepth--;
        if (BREAK_TAGS.has(name)) push(' ', footerDepth > 0);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  const raw = parts.join('');
  const footer = new Uint8Array(raw.length);
  let at = 0;
  for (let i = 0; i < flags.length; i += 2) {
    const len = flags[i + 1] as number;
    if (flags[i]) footer.fill(1, at, at + len);
    at += len;
  }
  return { text: raw, footer, scripts };
}

/** A regular expression for numbers of the same form: each run of digits in the number stands for that many digits. */
export function numberFormPattern(compact: string): RegExp {
  const source = compact
    .split(/(\d+)/)
    .map((part, i) => (i % 2 === 1 ? `\\d{${part.length}}` : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(source, 'g');
}

export function judgePage(html: string, filingNumber: string): Judgement {
  const { text, footer, scripts } = visibleText(html);
  // Compact, normalised text with a map back to the visible text (NFKC keeps these characters one to one).
  const compactChars: string[] = [];
  const origin: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const raw = text[i] as string;
    const code = raw.charCodeAt(0);
    // Only full-width forms and the ideographic space change under NFKC here; the rest is copied (it is the hot loop).
    const ch = code === 0x3000 || (code >= 0xff00 && code <= 0xffef) ? normaliseText(raw) : raw;
    if (/^\s*$/.test(ch)) continue;
    for (const c of ch) {
      compactChars.push(c);
      origin.push(i);
    }
  }
  const compact = compactChars.join('');
  const visibleLength = compact.length;
  const scriptBuilt = scripts > 0 && visibleLength < 200;
  const excerptAt = (start: number, len: number) => {
    const from = origin[start] ?? 0;
    const to = (origin[Math.min(start + len, origin.length) - 1] ?? from) + 1;
    return normaliseText(text.slice(Math.max(0, from - 60), to + 60))
      .replace(/\s+/g, ' ')
      .trim();
  };
  const target = compactNumber(filingNumber);
  const lastFifth = Math.floor(visibleLength * 0.8);
  let firstElsewhere = -1;
  for (let at = compact.indexOf(target); at >= 0 && target; at = compact.indexOf(target, at + 1)) {
    const inFooter = footer[origin[at] as number] === 1;
    if (inFooter || at >= lastFifth) {
      return {
        outcome: 'found',
        where: inFooter ? 'footer' : 'last_fifth',
        excerpt: excerptAt(at, target.length),
        scriptBuilt,
        visibleLength,
      };
    }
    if (firstElsewhere < 0) firstElsewhere = at;
  }
  if (firstElsewhere >= 0) {
    return {
      outcome: 'not_at_bottom',
      excerpt: excerptAt(firstElsewhere, target.length),
      scriptBuilt,
      visibleLength,
    };
  }
  const others = [...compact.matchAll(numberFormPattern(target))];
  const first = others[0];
  if (first) {
    return {
      outcome: 'other_number',
      otherNumbers: [...new Set(others.map((m) => m[0]))].slice(0, 5),
      excerpt: excerptAt(first.index ?? 0, first[0].length),
      scriptBuilt,
      visibleLength,
    };
  }
  return { outcome: 'not_found', excerpt: '', scriptBuilt, visibleLength };
}
