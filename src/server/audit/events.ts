/**
 * Every audited action and the details it carries. Details never hold personal data in clear:
 * they name fields and ids, not values.
 */
export interface AuditDetails {
  'account.register': { roles: string[] };
  'account.login': Record<string, never>;
  'account.login_failed': { reason: 'bad_credentials' | 'locked' | 'bad_totp' };
  'account.locked': { until: string };
  'account.logout': Record<string, never>;
  'filing.create': Record<string, never>;
  'filing.save': { fields: string[] };
  'filing.attachment_add': { attachmentId: string; kind: string; sm3: string; size: number };
  'filing.attachment_remove': { attachmentId: string; kind: string };
  'filing.submit': { from: string; to: string; dueDate: string; provisional: boolean; late: boolean };
  'filing.withdraw': { from: string; to: string };
  'calendar.import': { year: number; holidays: number; workdays: number };
}

export type AuditAction = keyof AuditDetails;

export type SubjectType = 'account' | 'filing' | 'calendar' | 'system';

export interface AuditEntry<A extends AuditAction = AuditAction> {
  action: A;
  actorId: string | null;
  subjectType: SubjectType;
  subjectId: string | null;
  details: AuditDetails[A];
}
