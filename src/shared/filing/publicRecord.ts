/**
 * What SPEC §4 makes public: the filing number, platform name, homepage, ICP number, publishing URLs and social
 * accounts, the sponsor's name (an individual's masked) and type, the filing date, status and last change date.
 * Nothing else is ever listed here: ID numbers, people, equity, rules and attachments stay private.
 */
import { maskPersonName } from '../validators/mask.js';
import type { FilingDraft } from './schema.js';
import { SPONSOR_TYPE_LABELS, type SponsorType } from './status.js';

export interface PublicRecord {
  filingNumber: string;
  platformName: string;
  homepageUrl: string;
  icpNumber: string;
  publishUrls: string[];
  socialAccounts: { app: string; account: string }[];
  sponsorName: string;
  sponsorType: SponsorType;
  sponsorTypeLabel: string;
  filingDate: string;
  lastChangeDate: string | null;
  /** 有效 / 已注销 / 已撤销 after the event that produced this record. */
  status: PublicStatus;
}

export const PUBLIC_STATUS = {
  valid: '有效',
  deregistered: '已注销',
  revoked: '已撤销',
} as const;
export type PublicStatus = keyof typeof PUBLIC_STATUS;

export function publicStatusOf(filingStatus: string): PublicStatus {
  if (filingStatus === 'deregistered') return 'deregistered';
  if (filingStatus === 'revoked') return 'revoked';
  return 'valid';
}

export function buildPublicRecord(
  draft: FilingDraft,
  meta: { filingNumber: string; filingDate: string; lastChangeDate?: string | null; status?: PublicStatus },
): PublicRecord {
  const type = (draft.sponsor?.type ?? 'enterprise') as SponsorType;
  const name = draft.sponsor?.name ?? '';
  return {
    filingNumber: meta.filingNumber,
    platformName: draft.platform?.name ?? '',
    homepageUrl: draft.platform?.homepageUrl ?? '',
    icpNumber: draft.platform?.icpNumber ?? '',
    publishUrls: [...(draft.platform?.publishUrls ?? [])],
    socialAccounts: (draft.platform?.socialAccounts ?? []).map((s) => ({ app: s.app ?? '', account: s.account ?? '' })),
    sponsorName: type === 'individual' ? maskPersonName(name) : name,
    sponsorType: type,
    sponsorTypeLabel: SPONSOR_TYPE_LABELS[type],
    filingDate: meta.filingDate,
    lastChangeDate: meta.lastChangeDate ?? null,
    status: meta.status ?? 'valid',
  };
}

/** The public registry's page of a filing (the web route /public/filings/:filingNumber), as QR codes and links give it. */
export function publicFilingUrl(baseUrl: string, filingNumber: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/public/filings/${encodeURIComponent(filingNumber)}`;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** Article 5: the number at the bottom of the platform's homepage, linking to its public record. */
export function footerSnippet(publicUrl: string, filingNumber: string): string {
  return `<a href="${escapeHtml(publicUrl)}" target="_blank" rel="noopener">${escapeHtml(filingNumber)}</a>`;
}
