/** The states of a filing (SPEC §3) and their Chinese names. */
export const FILING_STATUSES = [
  'draft',
  'submitted',
  'correction_requested',
  'approved',
  'change_submitted',
  'withdrawn',
  'deregistered',
  'revoked',
] as const;
export type FilingStatus = (typeof FILING_STATUSES)[number];

export const FILING_STATUS_LABELS: Record<FilingStatus, string> = {
  draft: '草稿',
  submitted: '待审核',
  correction_requested: '待补正',
  approved: '已备案',
  change_submitted: '变更审核中',
  withdrawn: '已撤回',
  deregistered: '已注销',
  revoked: '已撤销',
};

/** States in which the applicant may edit the form and its attachments. */
export const EDITABLE_STATUSES: readonly FilingStatus[] = ['draft', 'correction_requested'];

export const SPONSOR_TYPES = ['individual', 'enterprise', 'institution', 'other_org'] as const;
export type SponsorType = (typeof SPONSOR_TYPES)[number];
export const SPONSOR_TYPE_LABELS: Record<SponsorType, string> = {
  individual: '个人',
  enterprise: '企业',
  institution: '事业单位',
  other_org: '其他组织',
};
