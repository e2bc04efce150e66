/**
 * The canonical leaf of the transparency log (SPEC §11). Leaf `index` (0-based) is public event `seq = index + 1`;
 * its bytes are the UTF-8 text of the JSON object
 *
 *   { "at": …, "event": …, "filingNumber": …, "record": { … }, "seq": … }
 *
 * written with keys sorted by code unit at every depth, no whitespace, strings and numbers as ECMAScript
 * JSON.stringify writes them (for these values the same text as RFC 8785 JCS), members whose value is undefined left
 * out (null kept):
 * - `seq`: the event's number in the public history (1, 2, …, gapless);
 * - `event`: `approved` · `changed` · `deregistered` · `revoked`;
 * - `filingNumber`: the filing number;
 * - `at`: when the event took effect, ISO 8601 in UTC with milliseconds (`2026-03-02T08:00:00.000Z`);
 * - `record`: the §4 public record after the event (shared/filing/publicRecord.ts), nothing else.
 * Pure: the live path, the backfill and `vcp log verify` all build leaves here.
 */
import { canonicalJson } from '../audit/canonicalJson.js';
import type { PublicEventType } from '../services/publicEvents.js';

export const LEAF_EVENTS = ['approved', 'changed', 'deregistered', 'revoked'] as const;
export type LeafEvent = (typeof LEAF_EVENTS)[number];

export interface LeafInput {
  seq: number;
  type: PublicEventType | string;
  filingNumber: string;
  at: Date | string;
  record: unknown;
}

/** `filing.approved` → `approved`. */
export function leafEventName(type: string): string {
  return type.startsWith('filing.') ? type.slice('filing.'.length) : type;
}

export function leafText(e: LeafInput): string {
  return canonicalJson({
    seq: e.seq,
    event: leafEventName(e.type),
    filingNumber: e.filingNumber,
    at: new Date(e.at).toISOString(),
    record: e.record,
  });
}

/** The §4 fields a leaf's record may carry, and nothing else (SPEC §4). */
export const PUBLIC_RECORD_KEYS = [
  'filingDate',
  'filingNumber',
  'homepageUrl',
  'icpNumber',
  'lastChangeDate',
  'platformName',
  'publishUrls',
  'socialAccounts',
  'sponsorName',
  'sponsorType',
  'sponsorTypeLabel',
  'status',
] as const;

export interface ParsedLeaf {
  seq: number;
  event: LeafEvent;
  filingNumber: string;
  at: string;
  record: Record<string, unknown>;
}

/** Reads a leaf as a verifier would: what is wrong with it, or the parsed leaf. `index` is its place in the log. */
export function parseLeaf(index: number, text: string): { leaf: ParsedLeaf } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: 'is not JSON' };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { problem: 'is not a JSON object' };
  if (canonicalJson(value) !== text) return { problem: 'is not in the canonical encoding' };
  const v = value as Record<string, unknown>;
  const keys = Object.keys(v).sort().join(',');
  if (keys !== 'at,event,filingNumber,record,seq') return { problem: `has the members ${keys}` };
  if (v.seq !== index + 1) return { problem: `carries seq ${String(v.seq)}, expected ${index + 1}` };
  if (!LEAF_EVENTS.includes(v.event as LeafEvent)) return { problem: `has an unknown event ${String(v.event)}` };
  if (typeof v.filingNumber !== 'string' || v.filingNumber === '') return { problem: 'has no filing number' };
  if (typeof v.at !== 'string' || Number.isNaN(Date.parse(v.at)) || new Date(v.at).toISOString() !== v.at)
    return { problem: 'has no ISO 8601 time' };
  const record = v.record;
  if (!record || typeof record !== 'object' || Array.isArray(record)) return { problem: 'has no record' };
  const extra = Object.keys(record).filter((k) => !(PUBLIC_RECORD_KEYS as readonly string[]).includes(k));
  if (extra.length > 0) return { problem: `has fields outside SPEC §4 in its record: ${extra.join(', ')}` };
  if ((record as Record<string, unknown>).filingNumber !== v.filingNumber)
    return { problem: 'names another filing number in its record' };
  return { leaf: v as unknown as ParsedLeaf };
}
