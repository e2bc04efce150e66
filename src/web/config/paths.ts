/** Every route of the web app, in one place. */
export const paths = {
  home: '/',
  login: '/login',
  register: '/register',
  /** Where the sign-up mail's link leads (token in the fragment). */
  confirmEmail: '/confirm-email',
  /** 忘记密码: ask for a reset link by email. */
  forgotPassword: '/forgot-password',
  /** Where the reset mail's link leads (token in the fragment). */
  resetPassword: '/reset-password',
  /** The signed-in account: who it is, and 修改密码. */
  account: '/account',
  filings: '/filings',
  filing: (id: string) => `/filings/${id}`,
  filingEdit: (id: string, step?: number | string) =>
    `/filings/${id}/edit${step === undefined ? '' : `?step=${encodeURIComponent(String(step))}`}`,
  /** A change filing (Article 6): edited by the applicant while open, read-only after submitting. */
  change: (changeId: string) => `/changes/${changeId}`,
  notifications: '/notifications',
  /** The staff dashboard: what is due, late or overdue, every figure a link to its list (issue 15). */
  dashboard: '/dashboard',
  review: '/review',
  reviewFiling: (id: string) => `/review/filings/${id}`,
  reviewChange: (changeId: string) => `/review/changes/${changeId}`,
  adminDeliveries: '/admin/deliveries',
  adminSettings: '/admin/settings',
  adminStaff: '/admin/staff',
  adminAudit: '/admin/audit',
  /** The working-day calendar's years (SPEC §3): holidays, adjusted working days, imports. */
  adminCalendar: '/admin/calendar',
  /** The complaint handlers' console (Article 9); the public complaint pages are /complaints/* (server-rendered). */
  handling: '/handling',
  handlingComplaint: (id: string) => `/handling/complaints/${id}`,
  /** A filing's public record, open to anyone: where certificates' QR codes and homepage footers link. */
  publicFiling: (filingNumber: string) => `/public/filings/${encodeURIComponent(filingNumber)}`,
} as const;

export type Role = 'applicant' | 'reviewer' | 'admin' | 'complaints';

/** Staff who work the review queue. */
export const REVIEW_ROLES: readonly Role[] = ['reviewer', 'admin'];

export const hasAnyRole = (roles: readonly string[] | undefined, wanted: readonly Role[]) =>
  !!roles?.some((r) => wanted.includes(r as Role));

/** Staff who handle complaints. */
export const COMPLAINT_ROLES: readonly Role[] = ['complaints', 'admin'];

/** Every staff role: who opens the dashboard. */
export const STAFF_ROLES: readonly Role[] = ['reviewer', 'admin', 'complaints'];

/** Where a user lands after signing in without a `next`: staff on the dashboard, applicants on their filings. */
export const homeOf = (roles: readonly string[] | undefined) =>
  hasAnyRole(roles, STAFF_ROLES) ? paths.dashboard : paths.filings;
