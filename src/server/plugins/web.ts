/**
 * Serves the built web app (dist/web) from the same process and port as the API. Hashed assets are cached for
 * good; any other GET outside /api answers index.html, so the client router can take the path.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const WEB_DIR = fileURLToPath(new URL('../../../dist/web', import.meta.url));

export const webPlugin = fp(async (app: FastifyInstance, opts: { dir?: string }) => {
  const dir = opts.dir ?? WEB_DIR;
  const built = fs.existsSync(`${dir}/index.html`);
  app.setNotFoundHandler((req, reply) => {
    if (built && req.method === 'GET' && !req.url.startsWith('/api/') && req.url !== '/api') {
      return reply.header('cache-control', 'no-cache').type('text/html').sendFile('index.html');
    }
    return reply
      .code(404)
      .send({ error: { code: 'not_found', message: `没有这个地址：${req.method} ${req.url.split('?')[0]}` } });
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
    setHeaders(res, filePath) {
      res.header('cache-control', filePath.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
});
