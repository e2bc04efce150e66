/**
 * The roles a staff account can hold, in a module of its own without zod: the staff page lists them, and a page
 * that only needs the names does not load the schema library (`npm run bench:bundle`). shared/api/adminStaff.ts
 * builds its schemas from them.
 */
export const STAFF_ROLES = ['reviewer', 'admin', 'complaints'] as const;
export type StaffRoleName = (typeof STAFF_ROLES)[number];
