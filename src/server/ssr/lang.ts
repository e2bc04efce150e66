/**
 * The language of a server-rendered page (SPEC §6, §13: Chinese by default, English available): `?lang=` first (the
 * language switch's link, which also stores the choice in the cookie the web app uses), then that cookie.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DEFAULT_LANG, LANG_COOKIE, type Lang, pickLang } from '../../shared/i18n/index.js';

export function langOf(req: FastifyRequest): { lang: Lang; fromQuery: boolean } {
  const q = (req.query as Record<string, unknown> | undefined)?.lang;
  if (typeof q === 'string' && q) return { lang: pickLang(q), fromQuery: true };
  const cookie = req.cookies?.[LANG_COOKIE];
  return { lang: cookie ? pickLang(cookie) : DEFAULT_LANG, fromQuery: false };
}

/** Keeps the choice made with `?lang=` for the next pages (the same cookie as the web app's switch). */
export function rememberLang(reply: FastifyReply, lang: Lang): void {
  reply.setCookie(LANG_COOKIE, lang, { path: '/', maxAge: 31536000, sameSite: 'lax' });
  // A response that sets a cookie is the visitor's own: no shared cache may keep it.
  reply.header('cache-control', 'private, no-cache');
}
