/**
 * An answer given before the request body was read to its end (an upload refused before or while it streamed: 403,
 * 413, 415) closes the connection: the rest of the body is neither read nor waited for, and the socket does not
 * stay open behind a paused stream.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const unreadBodyPlugin = fp(async (app: FastifyInstance) => {
  app.addHook('onSend', async (req, reply, payload) => {
    if (reply.statusCode >= 400 && !req.raw.complete && req.headers['content-length'] !== '0') {
      reply.header('connection', 'close');
    }
    return payload;
  });
});
