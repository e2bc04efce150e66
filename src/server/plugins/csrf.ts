/**
 * CSRF defence for cookie-authenticated writes, the way browsers now allow it to be done without tokens
 * (Fetch Metadata and Origin checks, as in Go's net/http CrossOriginProtection):
 * - a browser marks every request with `Sec-Fetch-Site`; a write is allowed when it is `same-origin` or `none`
 *   (typed by the user), and refused when it comes from another site;
 * - older browsers send `Origin` on cross-origin writes; its host must be ours or a trusted origin;
 * - a request with neither header is not from a browser page (curl, a script, a partner system) and carries no
 *   ambient authority worth forging, so it passes.
 * Session cookies are also SameSite=Lax, so cross-site subresource requests never carry them.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../lib/errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Content types an HTML form sends cross-site without a preflight, other than multipart (uploads use it). */
const FORM_TYPES = /^\s*(text\/plain|application\/x-www-form-urlencoded)\b/i;

export function isCrossSiteWrite(req: FastifyRequest, trustedOrigins: readonly string[]): boolean {
  if (SAFE_METHODS.has(req.method)) return false;
  const origin = req.headers.origin;
  if (origin && trustedOrigins.includes(origin)) return false;
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string') return site !== 'same-origin' && site !== 'none';
  // Without either header: a form of another site in an old browser still sends the session cookie with the body
  // types a form can make without a preflight. The API takes neither, so a cookie-carrying one is refused.
  if (!origin) return !!req.headers.cookie && FORM_TYPES.test(req.headers['content-type'] ?? '');
  try {
    return new URL(origin).host !== req.headers.host;
  } catch {
    return true;
  }
}

export const csrfPlugin = fp(async (app: FastifyInstance, opts: { trustedOrigins: readonly string[] }) => {
  app.addHook('onRequest', async (req) => {
    if (isCrossSiteWrite(req, opts.trustedOrigins)) {
      throw new AppError(403, 'csrf_rejected', '跨站请求被拒绝：请从本系统页面提交');
    }
  });
});
