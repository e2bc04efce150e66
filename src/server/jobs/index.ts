/** Background work started by main.ts: the outbox worker (partner notifications and emails). */
import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../context.js';

export interface Jobs {
  stop(): Promise<void>;
}

export function startJobs(_ctx: AppContext, _log: FastifyBaseLogger): Jobs {
  return { stop: async () => {} };
}
