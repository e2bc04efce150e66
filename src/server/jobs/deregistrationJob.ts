/** Article 7: the scheduler carries out a scheduled deregistration at 00:00 China time of its termination date. */
import { z } from 'zod';
import { carryOutDeregistration, DEREGISTRATION_JOB } from '../commands/deregisterFiling.js';
import { defineJob } from './scheduler.js';

const payload = z.object({ deregistrationId: z.uuid() });

export const deregistrationJob = defineJob<{ deregistrationId: string }>({
  name: DEREGISTRATION_JOB,
  async run(ctx, job) {
    await carryOutDeregistration(ctx, payload.parse(job.payload).deregistrationId);
  },
});
