/** The dashboard's response schemas (zod), loaded beside the first answer (./dashboard.ts), not with the page. */
export { calendarCoverageResponse } from '../../../../shared/api/calendar.js';
export { dashboardResponse } from '../../../../shared/api/dashboard.js';
