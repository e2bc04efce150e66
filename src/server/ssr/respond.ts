/**
 * Sending a rendered page or document (SPEC §11, §13: cacheable, ETag). The ETag is a hash of the exact bytes, so
 * a revalidation (`If-None-Match`) answers 304 without a body whenever nothing changed; `Vary` names what the
 * language is read from, so a shared cache keeps one copy per language.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Html } from './html.js';

export interface SendOptions {
  status?: number;
  /** Defaults to text/html; charset=utf-8. */
  type?: string;
  /** Defaults to `public, max-age=60`: a registry page may be a minute old in a cache, then is revalidated. */
  cacheControl?: string;
  /** Defaults to `Cookie` (the language cookie); open data that does not depend on language passes `null`. */
  vary?: string | null;
}

export function etagOf(body: string | Buffer): string {
  return `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
}

/** True when one of the request's `If-None-Match` tags is `etag` (weak comparison, RFC 9110 §13.1.2). */
export function matchesEtag(req: FastifyRequest, etag: string): boolean {
  const header = req.headers['if-none-match'];
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === bare);
}

export function sendBody(req: FastifyRequest, reply: FastifyReply, body: string | Buffer, opts: SendOptions = {}) {
  const status = opts.status ?? 200;
  const etag = etagOf(body);
  // A page that already said otherwise (the language switch sets a cookie: the visitor's own page) keeps it.
  const preset = reply.getHeader('cache-control');
  const cacheControl = preset ? String(preset) : (opts.cacheControl ?? 'public, max-age=60');
  reply.header('cache-control', cacheControl).header('etag', etag);
  const vary = opts.vary === undefined ? 'Cookie' : opts.vary;
  if (vary) reply.header('vary', vary);
  if (status === 200 && matchesEtag(req, etag)) return reply.code(304).send();
  return reply
    .code(status)
    .type(opts.type ?? 'text/html; charset=utf-8')
    .send(body);
}

export function sendPage(req: FastifyRequest, reply: FastifyReply, page: Html, opts: SendOptions = {}) {
  return sendBody(req, reply, page.value, opts);
}
