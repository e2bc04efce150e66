/**
 * Fetching a platform's homepage safely (SPEC §10, Article 5 monitor): redirects followed by hand (≤ 5 hops, loops
 * detected), a time limit per request and for the whole check, a streamed size cap, TLS errors recorded as reasons.
 *
 * SSRF: every hop's address is checked after DNS resolution, inside the connection's own `lookup`, so the socket
 * connects to exactly the address that was checked (no DNS rebinding between check and connect). Literal IP hosts
 * never reach `lookup` and are checked before the request. `allowPrivate` (MONITOR_ALLOW_PRIVATE) lifts the guard.
 */
import dns, { type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { Agent, type Dispatcher, request } from 'undici';
import type { HostPacer } from './hostPacer.js';

export const MAX_REDIRECTS = 5;
export const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;

export type FetchFailure =
  | 'private_address'
  | 'dns_error'
  | 'connection_refused'
  | 'connection_reset'
  | 'timeout'
  | 'too_many_redirects'
  | 'redirect_loop'
  | 'bad_redirect'
  | 'unsupported_scheme'
  | 'invalid_url'
  | 'tls_cert_expired'
  | 'tls_self_signed'
  | 'tls_untrusted'
  | 'tls_hostname_mismatch'
  | 'tls_error'
  | 'network_error';

export interface RedirectHop {
  url: string;
  status: number;
  location: string;
}

export interface FetchResult {
  ok: boolean;
  /** Set when `ok` is false. */
  failure?: FetchFailure;
  /** Technical detail of the failure (an error code), for the evidence. */
  detail?: string;
  /** The URL of the last request made. */
  finalUrl: string;
  redirects: RedirectHop[];
  /** The status of the last answer; 0 when none came. */
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** The body was longer than the cap and was cut there. */
  truncated: boolean;
}

export type DnsLookup = (
  hostname: string,
  options: { all: true },
  callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

export interface FetchOptions {
  /** Private, loopback, link-local and reserved addresses allowed (tests, MONITOR_ALLOW_PRIVATE). */
  allowPrivate?: boolean;
  /** Per request: until headers arrive, and between body chunks. */
  requestTimeoutMs?: number;
  /** The whole check, redirects included. */
  checkTimeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  /** A shared dispatcher (see createMonitorAgent); by default a one-off agent is made and closed. */
  dispatcher?: Dispatcher;
  userAgent?: string;
  /** Per-host politeness: every request (each redirect hop too) waits for its host's slot. */
  pacer?: HostPacer;
  /** The least time between two requests to one host (with `pacer`). */
  hostDelayMs?: number;
}

/** Ranges ipaddr.js names that a homepage may never be on (everything but `unicast`). */
export function isForbiddenAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return true;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) parsed = v6.toIPv4Address();
  }
  return parsed.range() !== 'unicast';
}

export class ForbiddenAddressError extends Error {
  readonly code = 'EMONITOR_PRIVATE';
  constructor(
    readonly hostname: string,
    readonly address: string,
  ) {
    super(`${hostname} resolves to a private or reserved address`);
  }
}

/** A `lookup` for net/tls.connect that resolves, then refuses forbidden addresses before any connection. */
export function guardedLookup(
  allowPrivate: boolean,
  resolve: DnsLookup = dns.lookup as unknown as DnsLookup,
  forbidden: (address: string) => boolean = isForbiddenAddress,
) {
  const lookup: LookupFunction = (hostname, options, callback) => {
    resolve(hostname, { all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const family = options.family === 4 || options.family === 6 ? options.family : 0;
      const usable = addresses.filter((a) => family === 0 || a.family === family);
      if (usable.length === 0) {
        const e: NodeJS.ErrnoException = new Error(`no address for ${hostname}`);
        e.code = 'ENOTFOUND';
        return callback(e, '', 0);
      }
      if (!allowPrivate) {
        // Every address is checked: with autoSelectFamily Node may try any of them.
        const bad = usable.find((a) => forbidden(a.address));
        if (bad) return callback(new ForbiddenAddressError(hostname, bad.address), '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, usable);
      const first = usable[0] as LookupAddress;
      callback(null, first.address, first.family);
    });
  };
  return lookup;
}

export interface MonitorAgentOptions {
  allowPrivate: boolean;
  /** Connections per origin (per-host politeness). */
  connectionsPerHost?: number;
  connectTimeoutMs?: number;
  /** Resolver, for tests and the benchmark (names mapped to local fixtures). */
  resolve?: DnsLookup;
  /** Which resolved addresses are refused (default isForbiddenAddress); tests narrow it to tell two loopbacks apart. */
  forbidden?: (address: string) => boolean;
  /** Certificate authorities to trust instead of the system's (tests: a CA made for the TLS fixtures). */
  ca?: string[];
}

export function createMonitorAgent(opts: MonitorAgentOptions): Agent {
  return new Agent({
    connections: opts.connectionsPerHost ?? 2,
    pipelining: 1,
    keepAliveTimeout: 4_000,
    connect: {
      lookup: guardedLookup(opts.allowPrivate, opts.resolve, opts.forbidden),
      timeout: opts.connectTimeoutMs ?? 10_000,
      ...(opts.ca ? { ca: opts.ca } : {}),
    },
  });
}

const TLS_REASONS: Record<string, FetchFailure> = {
  CERT_HAS_EXPIRED: 'tls_cert_expired',
  CERT_NOT_YET_VALID: 'tls_cert_expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'tls_self_signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'tls_self_signed',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'tls_untrusted',
  UNABLE_TO_GET_ISSUER_CERT: 'tls_untrusted',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'tls_untrusted',
  CERT_UNTRUSTED: 'tls_untrusted',
  CERT_REVOKED: 'tls_untrusted',
  ERR_TLS_CERT_ALTNAME_INVALID: 'tls_hostname_mismatch',
};

/** Maps an error (undici's, net's, tls's, or ours from the lookup) to a reason; walks the `cause` chain. */
export function failureOf(err: unknown): { failure: FetchFailure; detail: string } {
  let e: unknown = err;
  for (let depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    const name = (e as { name?: unknown }).name;
    if (e instanceof ForbiddenAddressError || code === 'EMONITOR_PRIVATE') {
      return { failure: 'private_address', detail: 'EMONITOR_PRIVATE' };
    }
    if (typeof code === 'string') {
      const tls = TLS_REASONS[code];
      if (tls) return { failure: tls, detail: code };
      if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || code.includes('CERT')) {
        return { failure: 'tls_error', detail: code };
      }
      if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ENODATA')
        return { failure: 'dns_error', detail: code };
      if (code === 'ECONNREFUSED') return { failure: 'connection_refused', detail: code };
      if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET') {
        return { failure: 'connection_reset', detail: code };
      }
      if (
        code === 'UND_ERR_HEADERS_TIMEOUT' ||
        code === 'UND_ERR_BODY_TIMEOUT' ||
        code === 'UND_ERR_CONNECT_TIMEOUT' ||
        code === 'ETIMEDOUT' ||
        code === 'ABORT_ERR'
      ) {
        return { failure: 'timeout', detail: code };
      }
    }
    if (name === 'AbortError' || name === 'TimeoutError') return { failure: 'timeout', detail: String(name) };
    e = (e as { cause?: unknown }).cause;
  }
  const code = (err as { code?: unknown })?.code;
  return { failure: 'network_error', detail: typeof code === 'string' ? code : String((err as Error)?.message ?? err) };
}

function literalHost(url: URL): string | null {
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return ipaddr.isValid(host) ? host : null;
}

function headerRecord(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

/** Fetches `url`, following redirects by hand; never throws for network trouble (the reason is in the result). */
export async function fetchHomepage(url: string, opts: FetchOptions = {}): Promise<FetchResult> {
  const allowPrivate = opts.allowPrivate ?? false;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxRedirects = opts.maxRedirects ?? MAX_REDIRECTS;
  const requestTimeoutMs = opts.requestTimeoutMs ?? 10_000;
  const pace = (u: URL, signal?: AbortSignal) => opts.pacer?.wait(u.host, opts.hostDelayMs ?? 0, signal);
  const ownAgent = opts.dispatcher ? null : createMonitorAgent({ allowPrivate });
  const dispatcher = opts.dispatcher ?? (ownAgent as Agent);
  const redirects: RedirectHop[] = [];
  const seen = new Set<string>();
  const result = (partial: Partial<FetchResult> & { finalUrl: string }): FetchResult => ({
    ok: false,
    redirects,
    status: 0,
    headers: {},
    body: Buffer.alloc(0),
    truncated: false,
    ...partial,
  });

  let current: URL;
  try {
    current = new URL(url);
  } catch {
    return result({ finalUrl: url, failure: 'invalid_url', detail: 'invalid URL' });
  }
  // The first wait for the host is not the check's time: the check's clock starts when it may send.
  await pace(current);
  const signal = AbortSignal.timeout(opts.checkTimeoutMs ?? 30_000);
  let first = true;
  try {
    for (;;) {
      const href = current.href;
      if (current.protocol !== 'http:' && current.protocol !== 'https:') {
        return result({ finalUrl: href, failure: 'unsupported_scheme', detail: current.protocol });
      }
      const literal = literalHost(current);
      if (literal && !allowPrivate && isForbiddenAddress(literal)) {
        return result({ finalUrl: href, failure: 'private_address', detail: 'EMONITOR_PRIVATE' });
      }
      seen.add(href);
      if (!first) await pace(current, signal);
      first = false;
      const res = await request(href, {
        method: 'GET',
        dispatcher,
        signal,
        headersTimeout: requestTimeoutMs,
        bodyTimeout: requestTimeoutMs,
        headers: {
          'user-agent': opts.userAgent ?? 'VCP-Filing-Monitor/1.0 (+Article 5 homepage check)',
          accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5',
          'accept-encoding': 'identity',
        },
      });
      const headers = headerRecord(res.headers as Record<string, string | string[] | undefined>);
      const location = headers.location;
      if (res.statusCode >= 300 && res.statusCode < 400 && location) {
        await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
        let next: URL;
        try {
          next = new URL(location, current);
        } catch {
          return result({ finalUrl: href, status: res.statusCode, headers, failure: 'bad_redirect', detail: location });
        }
        redirects.push({ url: href, status: res.statusCode, location: next.href });
        if (seen.has(next.href)) {
          return result({ finalUrl: next.href, status: res.statusCode, headers, failure: 'redirect_loop' });
        }
        if (redirects.length > maxRedirects) {
          return result({ finalUrl: next.href, status: res.statusCode, headers, failure: 'too_many_redirects' });
        }
        current = next;
        continue;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      for await (const chunk of res.body) {
        const buf = chunk as Buffer;
        if (size + buf.length > maxBytes) {
          chunks.push(buf.subarray(0, maxBytes - size));
          size = maxBytes;
          truncated = true;
          res.body.destroy();
          break;
        }
        chunks.push(buf);
        size += buf.length;
      }
      return {
        ok: true,
        finalUrl: href,
        redirects,
        status: res.statusCode,
        headers,
        body: Buffer.concat(chunks, size),
        truncated,
      };
    }
  } catch (err) {
    const { failure, detail } = failureOf(signal.aborted ? (signal.reason ?? err) : err);
    return result({ finalUrl: current.href, failure, detail });
  } finally {
    await ownAgent?.close().catch(() => undefined);
  }
}
