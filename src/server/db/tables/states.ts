/**
 * The typed states of SPEC §3/§8 in the database (PostgreSQL enums), made from the shared tables in
 * shared/filing/lifecycle.ts and status.ts: a row cannot hold a state the state machine does not know.
 * A leaf module (no table imports), so schema.ts and the table files can both use it.
 */
import { pgEnum } from 'drizzle-orm/pg-core';
import { CHANGE_STATUSES, DEREGISTRATION_STATUSES } from '../../../shared/filing/lifecycle.js';
import { FILING_STATUSES } from '../../../shared/filing/status.js';

export const filingStatusEnum = pgEnum('filing_status', FILING_STATUSES);
export const changeStatusEnum = pgEnum('change_status', CHANGE_STATUSES);
export const deregistrationStatusEnum = pgEnum('deregistration_status', DEREGISTRATION_STATUSES);
export const JOB_STATUSES = ['pending', 'running', 'done', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
export const jobStatusEnum = pgEnum('job_status', JOB_STATUSES);
