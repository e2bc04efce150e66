/**
 * The public registry's fast path (SPEC §7: public search and records at a fraction of a bare handler's cost).
 *
 * A public read that Fastify answered with 200 is kept, bytes and headers as sent, for `PUBLIC_CACHE_MS`; the same
 * URL (and, for pages, the same language cookie) is then answered from the HTTP server's request handler before
 * Fastify routes it, so a popular record or search costs what a bare handler costs. What is kept is exactly what
 * Fastify produced (security headers, content type, ETag), so both paths answer alike; a response that sets a cookie
 * (the language switch) is never kept. A public event recorded by this instance drops every entry at once (the same
 * generation as services/registryCache.ts); another instance's event shows within the TTL (plus the time one refresh
 * takes: an expired entry is served while one request refreshes it).
 *
 * Other pages of routes marked `publicCache` (the portal's home, guide, self-check, open data and transparency pages,
 * which show no record of their own) are kept the same way, per language; the paths come from the routes themselves.
 * They are answered here without counting against the per-address limit: an answer from memory costs what a bare
 * handler costs, and the limit is there for the registry's reads.
 *
 * Rate limits: on PGlite (one process) with `RATE_LIMIT_PUBLIC` set, every public registry read is counted here per
 * client address (a fixed one-minute window) and answered 429 over the limit, kept or not, as well as by
 * @fastify/rate-limit for reads that reach Fastify, so the stricter count applies. On PostgreSQL the limit is shared by
 * the instances through the database, so with a public limit set the fast path is off (see `enabled`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { LANG_COOKIE } from '../../shared/i18n/index.js';
import { publicEventGeneration } from '../services/publicEvents.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Kept by the public fast path after a 200 (public data that depends only on the URL and the language). */
    publicCache?: boolean;
  }
}

interface Entry {
  at: number;
  generation: number;
  /** The kept headers as one flat list (name, value, …), as `writeHead` takes them without building an object. */
  head: string[];
  /** The same with the body's length, for a 200. */
  headWithLength: string[];
  body: Buffer;
  etag: string | undefined;
  /** When a request was let through to refresh this expired entry. */
  refreshingSince?: number;
}

/** How long an expired entry is served while its refresh is under way, at most. */
const REFRESH_GIVE_UP_MS = 5_000;

/** The URL's path, without its query. */
const pathOf = (url: string) => {
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
};

/** Headers that belong to one exchange, not to the kept answer. */
const PER_EXCHANGE = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);

export interface FastPathOptions {
  ttlMs: number;
  /** Requests per minute and client address for reads served here (0: none). */
  ratePerMinute: number;
  trustedProxies: string[];
  /** The limits are counted in a store instances share (PostgreSQL): a count in memory would not be shared. */
  sharedLimits?: boolean;
  maxEntries?: number;
  clock?: () => number;
}

export class PublicFastPath {
  private readonly entries = new Map<string, Entry>();
  private readonly counts = new Map<string, number>();
  private window = 0;
  private readonly trust: ((addr: string, i: number) => boolean) | null;
  private readonly maxEntries: number;
  private readonly clock: () => number;
  hits = 0;

  constructor(private readonly opts: FastPathOptions) {
    this.trust = opts.trustedProxies.length ? proxyAddr.compile(opts.trustedProxies) : null;
    this.maxEntries = opts.maxEntries ?? 5000;
    this.clock = opts.clock ?? Date.now;
  }

  /**
   * Off with no TTL, and off where a public limit is counted in a store the instances share (PostgreSQL with
   * `RATE_LIMIT_PUBLIC` set): there every read goes through that count. Behind a proxy that limits (docs/DEPLOY.md),
   * `RATE_LIMIT_PUBLIC=0` turns the fast path on.
   */
  get enabled(): boolean {
    return this.opts.ttlMs > 0 && !(this.opts.ratePerMinute > 0 && this.opts.sharedLimits === true);
  }

  /** Fixed paths of other page routes marked `publicCache` (registered by the plugin as the routes are added). */
  private readonly pagePaths = new Set<string>();

  /** Keeps the answers of a page route at this fixed path (the plugin calls it for each route marked `publicCache`). */
  keepPage(path: string): void {
    this.pagePaths.add(path);
  }

  /** The key a request is kept under, or null when its answer is never kept. */
  keyOf(method: string | undefined, url: string | undefined, cookieHeader: string | undefined): string | null {
    if ((method !== 'GET' && method !== 'HEAD') || !url) return null;
    if (url.startsWith('/api/public/filings')) return url;
    if (url.startsWith('/public/filings') || this.pagePaths.has(pathOf(url)))
      return `${langCookie(cookieHeader)} ${url}`;
    return null;
  }

  /** Whether a request is a registry read, which the per-address limit counts (the portal's fixed pages are not). */
  static isRegistryRead(url: string | undefined): boolean {
    return url !== undefined && (url.startsWith('/api/public/filings') || url.startsWith('/public/filings'));
  }

  /** Answers the request from memory; false when Fastify must answer it. */
  serve(req: IncomingMessage, res: ServerResponse): boolean {
    if (!this.enabled) return false;
    const key = this.keyOf(req.method, req.url, req.headers.cookie);
    if (key === null) return false;
    const now = this.clock();
    if (this.opts.ratePerMinute > 0 && PublicFastPath.isRegistryRead(req.url) && !this.admit(req, now)) {
      res.writeHead(429, { 'content-type': 'application/json; charset=utf-8', 'retry-after': '60' });
      res.end(JSON.stringify({ error: { code: 'rate_limited', message: '请求过于频繁，请 60 秒后再试' } }));
      return true;
    }
    const entry = this.entries.get(key);
    if (!entry) return false;
    if (entry.generation !== publicEventGeneration()) {
      this.entries.delete(key);
      return false;
    }
    if (now - entry.at >= this.opts.ttlMs) {
      // Expired (no public event since): this request goes to Fastify and its answer replaces the entry, while the
      // others are answered from the entry meanwhile, so an expiry never sends a burst of requests through Fastify at
      // once. A refresh that brought no 200 back (an error) lets the next request try after a while.
      if (entry.refreshingSince === undefined || now - entry.refreshingSince >= REFRESH_GIVE_UP_MS) {
        entry.refreshingSince = now;
        return false;
      }
    }
    this.hits += 1;
    const notModified = entry.etag !== undefined && etagMatches(req.headers['if-none-match'], entry.etag);
    if (notModified) {
      res.writeHead(304, entry.head);
      res.end();
      return true;
    }
    res.writeHead(200, entry.headWithLength);
    res.end(req.method === 'HEAD' ? undefined : entry.body);
    return true;
  }

  keep(key: string, headers: Record<string, unknown>, body: Buffer): void {
    if (!this.enabled || headers['set-cookie'] !== undefined) return;
    const head: string[] = [];
    for (const [name, value] of Object.entries(headers)) {
      if (value === undefined || PER_EXCHANGE.has(name)) continue;
      head.push(name, Array.isArray(value) ? value.join(', ') : String(value));
    }
    const headWithLength = [...head, 'content-length', String(body.length)];
    const etag = headers.etag === undefined ? undefined : String(headers.etag);
    this.entries.delete(key);
    this.entries.set(key, {
      at: this.clock(),
      generation: publicEventGeneration(),
      head,
      headWithLength,
      body,
      etag,
    });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  private admit(req: IncomingMessage, now: number): boolean {
    const window = Math.floor(now / 60_000);
    if (window !== this.window) {
      this.window = window;
      this.counts.clear();
    }
    const addr = this.trust ? proxyAddr(req, this.trust) : (req.socket.remoteAddress ?? '');
    const n = (this.counts.get(addr) ?? 0) + 1;
    this.counts.set(addr, n);
    return n <= this.opts.ratePerMinute;
  }
}

function langCookie(header: string | undefined): string {
  if (!header) return '';
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === LANG_COOKIE) return part.slice(eq + 1).trim();
  }
  return '';
}

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === bare);
}

/** Keeps the 200 answers of routes marked `config: { publicCache: true }`. */
export const publicFastPathPlugin = fp(async (app: FastifyInstance, opts: { fastPath: PublicFastPath }) => {
  const { fastPath } = opts;
  if (!fastPath.enabled) return;
  // A page route marked `publicCache` at a fixed path (not the registry's, which are matched by prefix): kept too.
  app.addHook('onRoute', (route) => {
    const url = route.url ?? route.path;
    if (route.config?.publicCache === true && !url.startsWith('/api/') && !url.includes(':')) fastPath.keepPage(url);
  });
  app.addHook('onSend', async (req, reply, payload) => {
    if (reply.statusCode !== 200 || req.routeOptions.config.publicCache !== true) return payload;
    if (req.raw.method !== 'GET' || (typeof payload !== 'string' && !Buffer.isBuffer(payload))) return payload;
    const key = fastPath.keyOf(req.raw.method, req.raw.url, req.headers.cookie);
    if (key !== null) fastPath.keep(key, reply.getHeaders(), Buffer.from(payload));
    return payload;
  });
});
