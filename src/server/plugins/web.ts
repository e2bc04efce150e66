/**
 * Serves the built web app (dist/web) from the same process and port as the API. Hashed assets are cached for
 * good; files are precompressed (brotli, gzip) and sent compressed where the client accepts it. Only a browser navigation (GET or HEAD asking for text/html, for a path without a file extension, outside
 * the API and the operators' endpoints) to an unknown path gets index.html, so the client router can take it;
 * and only for one of the app's own paths (shared/appRoutes.ts). Another browser navigation gets the public site's
 * 404 page (SPEC §13); everything else unknown is a 404 in the API's JSON error shape, which is what scripts and
 * monitors expect.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { isAppPath } from '../../shared/appRoutes.js';
import { sendNotFoundPage } from '../ssr/notFound.js';

export const WEB_DIR = fileURLToPath(new URL('../../../dist/web', import.meta.url));

const NOT_PAGES = ['/api', '/healthz', '/readyz', '/metrics'];

/** Whether an unknown path is a page of the web app that the browser navigates to. */
export function isPageNavigation(method: string, url: string, accept: string | undefined): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  if (!accept?.includes('text/html')) return false;
  const path = url.split('?')[0] ?? '';
  if (NOT_PAGES.some((p) => path === p || path.startsWith(`${p}/`))) return false;
  const last = path.slice(path.lastIndexOf('/') + 1);
  return !last.includes('.');
}

export const webPlugin = fp(async (app: FastifyInstance, opts: { dir?: string }) => {
  const dir = opts.dir ?? WEB_DIR;
  const built = fs.existsSync(`${dir}/index.html`);
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? '/';
    const navigation = isPageNavigation(req.method, req.url, req.headers.accept);
    if (built && navigation && isAppPath(path)) {
      return reply.header('cache-control', 'no-cache').type('text/html').sendFile('index.html');
    }
    if (navigation) return sendNotFoundPage(req, reply);
    return reply.code(404).send({ error: { code: 'not_found', message: `没有这个地址：${req.method} ${path}` } });
  });
  if (!built) {
    app.log.warn({ dir }, 'the web UI is not built (npm run build); serving the API only');
    return;
  }
  await app.register(fastifyStatic, {
    root: dir,
    prefix: '/',
    index: false,
    wildcard: false,
    // The build writes .br and .gz beside each file (vite.config.ts): sent to clients that accept them.
    preCompressed: true,
    setHeaders(res, filePath) {
      res.header('cache-control', filePath.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
});
