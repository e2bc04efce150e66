/**
 * Every audited action and the details it carries. Details never hold personal data in clear:
 * they name fields and ids, not values.
 */
export interface AuditDetails {
  'account.register': { roles: string[] };
  'account.login': Record<string, never>;
  /** `via`: a wrong current password when changing it, counted like a failed sign-in. */
  'account.login_failed': { reason: 'bad_credentials' | 'locked' | 'bad_totp'; via?: 'password_change' };
  'account.locked': { until: string };
  'account.logout': Record<string, never>;
  /** The owner changed their password while signed in; their other sessions end, this one stays. */
  'account.password_changed': { sessionsEnded: number };
  /** A reset link was mailed to the account's address (no mail, no entry: unknown or disabled addresses, the limit). */
  'account.password_reset_requested': { expiresAt: string };
  /** The mailed link set a new password: every session ends and the lockout is cleared. */
  'account.password_reset': { sessionsEnded: number; lockCleared: boolean };
  'filing.create': Record<string, never>;
  'filing.save': { fields: string[] };
  'filing.attachment_add': { attachmentId: string; kind: string; sm3: string; size: number };
  'filing.attachment_remove': { attachmentId: string; kind: string };
  'filing.submit': { from: string; to: string; dueDate: string; provisional: boolean; late: boolean };
  'filing.withdraw': { from: string; to: string };
  'filing.discard': { attachments: number };
  'filing.approve': { from: string; to: string; filingNumber: string; overdue: boolean };
  'filing.correction_requested': { from: string; to: string; fields: string[]; overdue: boolean };
  'filing.claim': { reviewerId: string };
  'filing.assign': { reviewerId: string };
  'filing.check': { section: string; result: string };
  'filing.reveal': { reason: string };
  /** Staff took a document holding unmasked personal data (the 登记表). */
  'filing.document_download': { document: 'registration' };
  'account.staff_created': { roles: string[] };
  /** An admin changed a staff account (subject: the account); disabling ends its sessions. */
  'account.staff_updated': {
    fields: string[];
    roles?: { before: string[]; after: string[] };
    disabled?: boolean;
    sessionsEnded: number;
  };
  /** An admin gave a staff account a new TOTP secret (lost device); its sessions end. */
  'account.totp_reset': { sessionsEnded: number };
  /** An admin gave a staff account a new first password, shown once; its sessions end and its lockout is cleared. */
  'account.password_reset_by_admin': { sessionsEnded: number; lockCleared: boolean };
  /** SPEC §1 admin: settings changed from the admin console (values are settings, never personal data). */
  'settings.update': { changes: { key: string; before: unknown; after: unknown }[] };
  /** The audit log itself left the system as a file. */
  'audit.export': { filters: Record<string, string> };
  'partner.update': { partnerId: string; fields: string[] };
  'outbox.resend': { outboxId: number };
  'calendar.import': {
    year: number;
    source?: string;
    holidays: number;
    workdays: number;
    /** The year had a schedule, which this one replaced. */
    replaced?: boolean;
    /** Open deadlines recomputed with it. */
    moved?: number;
    via?: 'text' | 'json' | 'manual' | 'cli' | 'seed';
  };
  /** SPEC §3: an open deadline counted again when its year was entered (subject: the filing, change or complaint). */
  'deadline.recount': {
    kind: string;
    year: number;
    before: { due: string; provisional: boolean };
    after: { due: string; provisional: boolean };
  };
  /** Article 6: change filings (subject: the change). */
  'change.create': { filingId: string; baseVersion: number; changeDate: string; deadline: string; late: boolean };
  'change.save': { filingId: string; fields: string[]; changeDate: string };
  'change.attachment_add': {
    filingId: string;
    attachmentId: string;
    kind: string;
    sm3: string;
    size: number;
    replaced: string[];
  };
  'change.attachment_remove': { filingId: string; attachmentId: string; kind: string };
  'change.submit': { filingId: string; from: string; to: string; dueDate: string; provisional: boolean; late: boolean };
  'change.approve': { filingId: string; from: string; to: string; version: number; fields: string[]; overdue: boolean };
  'change.correction_requested': { filingId: string; from: string; to: string; fields: string[]; overdue: boolean };
  'change.cancel': { filingId: string; from: string; to: string; reason: string };
  /** Article 7 (subject: the filing). */
  'filing.deregistration_scheduled': { deregistrationId: string; terminationDate: string; runAt: string };
  'filing.deregistration_cancelled': { deregistrationId: string; reason: string };
  'filing.deregister': { from: string; to: string; deregistrationId: string; terminationDate: string; late: boolean };
  'filing.revoke': { from: string; to: string; reason: string; complaintId: string | null };
  /** Article 5, SPEC §10: the homepage monitor found the number missing 3 checks in a row. */
  'filing.homepage_flagged': { checkId: string; misses: number };
  'filing.homepage_evidence_exported': {
    checkId: string;
    complaintId?: string;
    files: { name: string; sm3: string }[];
  };
  /** SPEC §12: sealed data re-sealed with the active key; an unused key removed. */
  'keys.rotate': { activeKid: string; resealed: number };
  'keys.remove': { kid: string };
  /** Article 9 (subject: the complaint). Never the complainant's contact, only whether one was given. */
  'complaint.receive': {
    channel: string;
    category: string;
    dueDate: string;
    provisional: boolean;
    evidence: { id: string; sm3: string; size: number }[];
    hasContact: boolean;
  };
  'complaint.assign': { handlerId: string; previous: string | null };
  'complaint.transition': { action: string; from: string; to: string };
  'complaint.measure': { measure: string; filingId: string | null };
  'complaint.close': { from: string; to: string; emailed: boolean };
  'complaint.reveal': { reason: string };
  'complaint.evidence_download': { evidenceId: string };
}

export type AuditAction = keyof AuditDetails;

export type SubjectType = 'account' | 'filing' | 'change' | 'calendar' | 'system' | 'complaint';

export interface AuditEntry<A extends AuditAction = AuditAction> {
  action: A;
  actorId: string | null;
  subjectType: SubjectType;
  subjectId: string | null;
  details: AuditDetails[A];
}
