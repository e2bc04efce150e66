/**
 * `/badge/:filingNumber.svg` (SPEC §13): a small badge for a platform's footer — the label, the number and its
 * status in the status's colour; an unknown number gets a grey "not filed" badge with status 404. Text only, no
 * fonts or scripts; every value is escaped.
 */
import type { PublicStatus } from '../../../shared/filing/publicRecord.js';
import { escapeHtml } from '../../ssr/html.js';

const COLOURS: Record<PublicStatus | 'unknown', string> = {
  valid: '#1a7f37',
  deregistered: '#6e7781',
  revoked: '#cf222e',
  unknown: '#6e7781',
};

/** Roughly the rendered width at 11px: Han characters are square, the rest about 6.5px. */
const textWidth = (s: string) => [...s].reduce((w, c) => w + (/[\u2e80-\u9fff\uff00-\uffef]/.test(c) ? 11 : 6.5), 0);

export function badgeSvg(label: string, value: string, status: PublicStatus | 'unknown'): string {
  const lw = Math.ceil(textWidth(label) + 12);
  const vw = Math.ceil(textWidth(value) + 12);
  const w = lw + vw;
  const [l, v] = [escapeHtml(label), escapeHtml(value)];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="20" role="img" aria-label="${l}: ${v}"><title>${l}: ${v}</title><rect width="${lw}" height="20" rx="3" fill="#0b3d91"/><rect x="${lw}" width="${vw}" height="20" rx="3" fill="${COLOURS[status]}"/><rect x="${lw}" width="4" height="20" fill="${COLOURS[status]}"/><g fill="#fff" font-family="system-ui,-apple-system,'PingFang SC','Microsoft YaHei',sans-serif" font-size="11"><text x="6" y="14">${l}</text><text x="${lw + 6}" y="14">${v}</text></g></svg>`;
}
