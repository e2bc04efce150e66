/**
 * What a homepage check can find (SPEC §5 "Homepage monitor"), in a module of its own without zod: the web's list
 * filters name them, and a page that only needs the names does not load the schema library (`npm run bench:bundle`).
 */
export const HOMEPAGE_CHECK_RESULTS = ['compliant', 'missing', 'unreachable', 'manual_review'] as const;
export type HomepageCheckResult = (typeof HOMEPAGE_CHECK_RESULTS)[number];
