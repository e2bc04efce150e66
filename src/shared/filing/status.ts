/**
 * The states of a filing (SPEC §3) and their Chinese names. A change under review does not change the filing's state:
 * the approved record stays valid (Art. 6); the change has states of its own (lifecycle.ts).
 */
export const FILING_STATUSES = [
  'draft',
  'submitted',
  'correction_requested',
  'approved',
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
  withdrawn: '已撤回',
  deregistered: '已注销',
  revoked: '已撤销',
};

export const SPONSOR_TYPES = ['individual', 'enterprise', 'institution', 'other_org'] as const;
export type SponsorType = (typeof SPONSOR_TYPES)[number];
export const SPONSOR_TYPE_LABELS: Record<SponsorType, string> = {
  individual: '个人',
  enterprise: '企业',
  institution: '事业单位',
  other_org: '其他组织',
};
