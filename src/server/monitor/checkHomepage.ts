/**
 * One homepage check (SPEC §10, Article 5): fetch → decode → judge → (render when script-built) → a result with
 * evidence that stands up: time, final URL, redirect chain, status, charset, the excerpt around the number, the SM3
 * of the body as received, and a screenshot of the page bottom when rendered.
 */
import type { Dispatcher } from 'undici';
import { sm3Hex } from '../crypto/sm3.js';
import { decodeBody } from './decode.js';
import { type FetchResult, fetchHomepage, type RedirectHop } from './fetch.js';
import type { HostPacer } from './hostPacer.js';
import { type Judgement, judgePage } from './judge.js';
import type { Renderer } from './render.js';

export type CheckResult = 'compliant' | 'missing' | 'unreachable' | 'manual_review';

export interface HomepageEvidence {
  checkedAt: string;
  requestedUrl: string;
  finalUrl: string;
  redirects: RedirectHop[];
  httpStatus: number;
  /** The last answer's response headers (lower-case names). */
  headers?: Record<string, string>;
  charset: string | null;
  excerpt: string;
  /** SM3 of the body bytes as received (after the size cap), hex; null when no body came. */
  sm3: string | null;
  bytes: number;
  truncated: boolean;
  rendered: boolean;
  where?: 'footer' | 'last_fifth';
  otherNumbers?: string[];
  /** Technical detail of a fetch failure (an error code). */
  detail?: string;
}

export interface HomepageCheck {
  result: CheckResult;
  /** Why, as a code: e.g. number_in_footer, number_not_at_bottom, other_number, timeout, http_404. */
  reason: string;
  evidence: HomepageEvidence;
  screenshot?: Buffer;
  /** The body bytes as received (the ones `evidence.sm3` is the SM3 of), when a body came. */
  body?: Buffer;
}

export interface CheckOptions {
  allowPrivate?: boolean;
  dispatcher?: Dispatcher;
  renderer?: Renderer;
  requestTimeoutMs?: number;
  checkTimeoutMs?: number;
  maxBytes?: number;
  now?: () => Date;
  pacer?: HostPacer;
  hostDelayMs?: number;
}

const REASON_OF: Record<Judgement['outcome'], string> = {
  found: 'number_found',
  not_at_bottom: 'number_not_at_bottom',
  other_number: 'other_number',
  not_found: 'number_not_found',
};

function fromJudgement(j: Judgement): { result: CheckResult; reason: string } {
  if (j.outcome === 'found')
    return { result: 'compliant', reason: j.where === 'footer' ? 'number_in_footer' : 'number_in_last_fifth' };
  return { result: 'missing', reason: REASON_OF[j.outcome] };
}

export async function checkHomepage(
  url: string,
  filingNumber: string,
  opts: CheckOptions = {},
): Promise<HomepageCheck> {
  const checkedAt = (opts.now?.() ?? new Date()).toISOString();
  const checkTimeoutMs = opts.checkTimeoutMs ?? 30_000;
  const started = Date.now();
  const fetched: FetchResult = await fetchHomepage(url, {
    allowPrivate: opts.allowPrivate ?? false,
    checkTimeoutMs,
    ...(opts.dispatcher ? { dispatcher: opts.dispatcher } : {}),
    ...(opts.requestTimeoutMs !== undefined ? { requestTimeoutMs: opts.requestTimeoutMs } : {}),
    ...(opts.maxBytes !== undefined ? { maxBytes: opts.maxBytes } : {}),
    ...(opts.pacer ? { pacer: opts.pacer, hostDelayMs: opts.hostDelayMs ?? 0 } : {}),
  });
  const check = await judgeFetched(url, filingNumber, fetched, checkedAt, checkTimeoutMs, started, opts.renderer);
  return fetched.ok && fetched.body.length > 0 ? { ...check, body: fetched.body } : check;
}

async function judgeFetched(
  url: string,
  filingNumber: string,
  fetched: FetchResult,
  checkedAt: string,
  checkTimeoutMs: number,
  started: number,
  renderer: Renderer | undefined,
): Promise<HomepageCheck> {
  const base: HomepageEvidence = {
    checkedAt,
    requestedUrl: url,
    finalUrl: fetched.finalUrl,
    redirects: fetched.redirects,
    httpStatus: fetched.status,
    headers: fetched.headers,
    charset: null,
    excerpt: '',
    sm3: fetched.ok ? sm3Hex(fetched.body) : null,
    bytes: fetched.body.length,
    truncated: fetched.truncated,
    rendered: false,
  };
  if (!fetched.ok) {
    return {
      result: 'unreachable',
      reason: fetched.failure ?? 'network_error',
      evidence: { ...base, ...(fetched.detail ? { detail: fetched.detail } : {}) },
    };
  }
  if (fetched.status >= 400 || fetched.status < 200) {
    return { result: 'unreachable', reason: `http_${fetched.status}`, evidence: base };
  }
  const decoded = decodeBody(fetched.body, fetched.headers['content-type']);
  const evidence: HomepageEvidence = { ...base, charset: decoded.charset };
  const judged = judgePage(decoded.text, filingNumber);
  const withJudgement = (j: Judgement, extra: Partial<HomepageEvidence> = {}): HomepageEvidence => ({
    ...evidence,
    ...extra,
    excerpt: j.excerpt,
    ...(j.where ? { where: j.where } : {}),
    ...(j.otherNumbers ? { otherNumbers: j.otherNumbers } : {}),
  });
  if (judged.outcome === 'found' || !judged.scriptBuilt) {
    if (fetched.truncated && judged.outcome !== 'found') {
      // The bottom of the page was never read: it cannot be judged missing.
      return { result: 'manual_review', reason: 'body_too_large', evidence: withJudgement(judged) };
    }
    return { ...fromJudgement(judged), evidence: withJudgement(judged) };
  }
  if (!renderer?.available()) {
    return { result: 'manual_review', reason: 'script_built_no_browser', evidence: withJudgement(judged) };
  }
  try {
    const left = Math.max(1_000, checkTimeoutMs - (Date.now() - started));
    const rendered = await renderer.render({ url: fetched.finalUrl, body: decoded.text, timeoutMs: left });
    const again = judgePage(rendered.html, filingNumber);
    return {
      ...fromJudgement(again),
      evidence: withJudgement(again, { rendered: true }),
      screenshot: rendered.screenshot,
    };
  } catch (err) {
    return {
      result: 'manual_review',
      reason: 'render_failed',
      evidence: { ...withJudgement(judged), detail: String((err as Error)?.message ?? err).slice(0, 200) },
    };
  }
}
