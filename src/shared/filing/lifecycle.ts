/**
 * The life of a filing (SPEC §3, §8; Articles 4–8): one table of states and transitions for a filing, one for a
 * change filing (Art. 6) and one for a deregistration (Art. 7). Commands ask these tables before every transition
 * (409 otherwise), policies build the allowed actions from them, and the web shows the same buttons.
 *
 * Roles are relative to the subject: `owner` is the applicant who owns the filing, `reviewer` review staff (admins
 * included), `admin` an administrator, `system` the background jobs (a scheduled deregistration carried out).
 */
import { defineMachine } from '../stateMachine.js';
import { FILING_STATUSES } from './status.js';

export const LIFECYCLE_ROLES = ['owner', 'reviewer', 'admin', 'system'] as const;
export type LifecycleRole = (typeof LIFECYCLE_ROLES)[number];

export const FILING_MACHINE_ACTIONS = [
  'update',
  'upload',
  'submit',
  'withdraw',
  'discard',
  'claim',
  'assign',
  'check',
  'approve',
  'requestCorrection',
  'startChange',
  'applyChange',
  'scheduleDeregistration',
  'deregister',
  'revoke',
] as const;
export type FilingMachineAction = (typeof FILING_MACHINE_ACTIONS)[number];

export const filingMachine = defineMachine({
  name: 'filing',
  states: FILING_STATUSES,
  actions: FILING_MACHINE_ACTIONS,
  roles: LIFECYCLE_ROLES,
  transitions: [
    { action: 'update', from: ['draft', 'correction_requested'], by: ['owner'] },
    { action: 'upload', from: ['draft', 'correction_requested'], by: ['owner'] },
    { action: 'submit', from: ['draft', 'correction_requested'], to: 'submitted', by: ['owner'] },
    { action: 'withdraw', from: ['submitted', 'correction_requested'], to: 'withdrawn', by: ['owner'] },
    // A draft never submitted may be deleted outright (nothing of it was received); the audit keeps that it was.
    { action: 'discard', from: ['draft'], by: ['owner'] },
    { action: 'claim', from: ['submitted'], by: ['reviewer'] },
    { action: 'assign', from: ['submitted'], by: ['admin'] },
    { action: 'check', from: ['submitted'], by: ['reviewer'] },
    { action: 'approve', from: ['submitted'], to: 'approved', by: ['reviewer'] },
    { action: 'requestCorrection', from: ['submitted'], to: 'correction_requested', by: ['reviewer'] },
    // Article 6: the approved record stays valid while a change is edited and reviewed.
    { action: 'startChange', from: ['approved'], by: ['owner'] },
    { action: 'applyChange', from: ['approved'], by: ['reviewer'] },
    // Article 7: a future termination date is scheduled, today's or a past one is carried out at once.
    { action: 'scheduleDeregistration', from: ['approved'], by: ['owner'] },
    { action: 'deregister', from: ['approved'], to: 'deregistered', by: ['owner', 'system'] },
    { action: 'revoke', from: ['approved'], to: 'revoked', by: ['admin'] },
  ],
});

export const CHANGE_STATUSES = ['draft', 'submitted', 'correction_requested', 'approved', 'cancelled'] as const;
export type ChangeStatus = (typeof CHANGE_STATUSES)[number];
/** A change that still waits for the applicant or the reviewer: one per filing at most. */
export const OPEN_CHANGE_STATUSES: readonly ChangeStatus[] = ['draft', 'submitted', 'correction_requested'];

export const CHANGE_STATUS_LABELS: Record<ChangeStatus, string> = {
  draft: '变更草稿',
  submitted: '变更审核中',
  correction_requested: '变更待补正',
  approved: '变更已生效',
  cancelled: '变更已取消',
};

export const CHANGE_ACTIONS = ['update', 'upload', 'submit', 'approve', 'requestCorrection', 'cancel'] as const;
export type ChangeAction = (typeof CHANGE_ACTIONS)[number];

export const changeMachine = defineMachine({
  name: 'change',
  states: CHANGE_STATUSES,
  actions: CHANGE_ACTIONS,
  roles: LIFECYCLE_ROLES,
  transitions: [
    { action: 'update', from: ['draft', 'correction_requested'], by: ['owner'] },
    { action: 'upload', from: ['draft', 'correction_requested'], by: ['owner'] },
    { action: 'submit', from: ['draft', 'correction_requested'], to: 'submitted', by: ['owner'] },
    { action: 'approve', from: ['submitted'], to: 'approved', by: ['reviewer'] },
    { action: 'requestCorrection', from: ['submitted'], to: 'correction_requested', by: ['reviewer'] },
    // The applicant abandons a change; deregistration and revocation cancel an open one (system).
    {
      action: 'cancel',
      from: ['draft', 'submitted', 'correction_requested'],
      to: 'cancelled',
      by: ['owner', 'system'],
    },
  ],
});

export const DEREGISTRATION_STATUSES = ['scheduled', 'done', 'cancelled'] as const;
export type DeregistrationStatus = (typeof DEREGISTRATION_STATUSES)[number];
export const DEREGISTRATION_STATUS_LABELS: Record<DeregistrationStatus, string> = {
  scheduled: '已预约注销',
  done: '已注销',
  cancelled: '已取消注销',
};

export const DEREGISTRATION_ACTIONS = ['carryOut', 'cancel'] as const;
export type DeregistrationAction = (typeof DEREGISTRATION_ACTIONS)[number];

export const deregistrationMachine = defineMachine({
  name: 'deregistration',
  states: DEREGISTRATION_STATUSES,
  actions: DEREGISTRATION_ACTIONS,
  roles: LIFECYCLE_ROLES,
  transitions: [
    { action: 'carryOut', from: ['scheduled'], to: 'done', by: ['system'] },
    // The applicant changes their mind before the day; a revocation cancels it (system).
    { action: 'cancel', from: ['scheduled'], to: 'cancelled', by: ['owner', 'system'] },
  ],
});

/** The kind of a review item (SPEC §8: the queue marks changes). */
export const REVIEW_KINDS = ['filing', 'change'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];
export const REVIEW_KIND_LABELS: Record<ReviewKind, string> = { filing: '首次备案', change: '变更备案' };
