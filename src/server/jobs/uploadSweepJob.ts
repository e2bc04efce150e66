/**
 * Every quarter of an hour, the chunks of uploads that never finished (a process killed mid-upload) are removed
 * (attachments/uploadSweep.ts). The threshold stays above twice the longest a request may take, so an upload still
 * under way is never taken for an abandoned one. The scheduler runs it on one instance at a time; running it twice
 * would do no harm either.
 */
import { ABANDONED_UPLOAD_MS, sweepAbandonedUploads } from '../attachments/uploadSweep.js';
import { defineJob } from './scheduler.js';

export const uploadSweepJob = defineJob<Record<string, never>>({
  name: 'uploads.sweep',
  recurring: { cron: '*/15 * * * *' },
  async run(ctx) {
    await sweepAbandonedUploads(
      ctx.db,
      ctx.now(),
      Math.max(ABANDONED_UPLOAD_MS, 2 * ctx.config.server.requestTimeoutMs),
    );
  },
});
