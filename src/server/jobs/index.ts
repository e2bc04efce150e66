/** Background work started by main.ts: the outbox worker (partner notifications and emails). */
import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../context.js';
import { OutboxWorker } from './outboxWorker.js';

export interface Jobs {
  stop(): Promise<void>;
}

export function startJobs(ctx: AppContext, log: FastifyBaseLogger): Jobs {
  const outbox = new OutboxWorker(ctx, { log: log.child({ job: 'outbox' }) });
  outbox.start();
  if (!ctx.config.smtpUrl) log.warn('SMTP_URL is not set: emails wait in the outbox until it is');
  return { stop: () => outbox.stop() };
}
