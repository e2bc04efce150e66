/**
 * The states the staff dashboard counts (every state but the applicant's draft), in a module of its own without
 * zod: the dashboard page names them, and a page that only needs the names does not load the schema library
 * (`npm run bench:bundle`). shared/api/dashboard.ts builds its response schema from them.
 */
import { CHANGE_STATUSES } from '../filing/lifecycle.js';
import { FILING_STATUSES } from '../filing/status.js';

export const STAFF_FILING_STATUSES = FILING_STATUSES.filter((s) => s !== 'draft');
export const STAFF_CHANGE_STATUSES = CHANGE_STATUSES.filter((s) => s !== 'draft');
