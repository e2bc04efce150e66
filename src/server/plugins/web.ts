/**
 * Serves the built web app (dist/web) from the same process and port as the API, precompressed (brotli, gzip)
 * where the client accepts it. Hashed assets are cached for good. A GET of one of the app's own paths (shared/appRoutes.ts) answers index.html, so the client router can take
 * it; any other unknown path answers 404: JSON under /api, the public site's 404 page elsewhere (SPEC §13).
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { isAppPath } from '../../shared/appRoutes.js';
import { sendNotFoundPage } from '../ssr/notFound.js';

export const WEB_DIR = fileURLToPath(new URL('../../../dist/web', import.meta.url));

export const webPlugin = fp(async (app: FastifyInstance, opts: { dir?: string }) => {
  const dir = opts.dir ?? WEB_DIR;
  const built = fs.existsSync(`${dir}/index.html`);
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? '/';
    const isApi = path === '/api' || path.startsWith('/api/');
    const isGet = req.method === 'GET' || req.method === 'HEAD';
    if (built && isGet && isAppPath(path)) {
      return reply.header('cache-control', 'no-cache').type('text/html').sendFile('index.html');
    }
    if (isGet && !isApi) return sendNotFoundPage(req, reply);
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
