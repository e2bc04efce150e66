/**
 * The transparency log's periodic head (SPEC §11): every ten minutes a head is signed when the tree has grown, and
 * once a day for an unchanged tree (transparency/heads.ts).
 */
import { HEAD_MAX_AGE_MS, publishHead } from '../transparency/heads.js';
import { defineJob } from './scheduler.js';

export const logHeadJob = defineJob<Record<string, never>>({
  name: 'log.head',
  recurring: { cron: '*/10 * * * *' },
  async run(ctx) {
    await publishHead(ctx, { maxAgeMs: HEAD_MAX_AGE_MS });
  },
});
