/**
 * Background work started by main.ts: the outbox worker (partner notifications and emails) and the scheduler of
 * timed jobs. A feature with timed work adds its job definition to JOB_DEFINITIONS (see docs/ARCHITECTURE.md).
 */
import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../context.js';
import { deregistrationJob } from './deregistrationJob.js';
import { logHeadJob } from './logHeadJob.js';
import { monitorCheckJob, monitorDailyJob } from './monitorJobs.js';
import { OutboxWorker } from './outboxWorker.js';
import { remindersJob } from './reminders.js';
import { type AnyJobDefinition, Scheduler } from './scheduler.js';
import { uploadSweepJob } from './uploadSweepJob.js';

/**
 * Every timed job the system knows: Article 7's deregistrations, Article 5's homepage checks, the log's heads,
 * reminders, the sweep of abandoned uploads, what later features add.
 */
export const JOB_DEFINITIONS: readonly AnyJobDefinition[] = [
  deregistrationJob,
  monitorDailyJob,
  monitorCheckJob,
  remindersJob,
  logHeadJob,
  uploadSweepJob,
];

export interface Jobs {
  scheduler: Scheduler;
  stop(): Promise<void>;
}

export function startJobs(ctx: AppContext, log: FastifyBaseLogger): Jobs {
  const outbox = new OutboxWorker(ctx, { log: log.child({ job: 'outbox' }) });
  outbox.start();
  const scheduler = new Scheduler(ctx, JOB_DEFINITIONS, { log: log.child({ job: 'scheduler' }) });
  scheduler.start();
  if (!ctx.config.smtpUrl) log.warn('SMTP_URL is not set: emails wait in the outbox until it is');
  return { scheduler, stop: () => Promise.all([outbox.stop(), scheduler.stop()]).then(() => undefined) };
}
