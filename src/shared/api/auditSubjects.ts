/** The kinds of things the audit log records actions on, without zod: the audit page's filter lists them. */
export const AUDIT_SUBJECT_TYPES = ['account', 'filing', 'change', 'calendar', 'system', 'complaint'] as const;
