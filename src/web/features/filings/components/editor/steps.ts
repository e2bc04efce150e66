/** The editor's steps, which fields each holds, and where a field error sends the user. */
export const STEP_KEYS = [
  'platform',
  'sponsor',
  'people',
  'capital',
  'rules',
  'mlps',
  'attachments',
  'confirm',
] as const;
export type StepKey = (typeof STEP_KEYS)[number];

export const STEP_TITLES: Record<StepKey, { zh: string; en: string }> = {
  platform: { zh: '平台信息', en: 'Platform' },
  sponsor: { zh: '主办者', en: 'Sponsor' },
  people: { zh: '人员', en: 'People' },
  capital: { zh: '注册资本和股权', en: 'Capital & equity' },
  rules: { zh: '漏洞管理规则', en: 'Vulnerability rules' },
  mlps: { zh: '等保与平台管理', en: 'MLPS & management' },
  attachments: { zh: '承诺书与附件', en: 'Commitment & files' },
  confirm: { zh: '确认提交', en: 'Review & submit' },
};

export function visibleSteps(sponsorType: string | undefined): StepKey[] {
  return STEP_KEYS.filter((k) => k !== 'capital' || sponsorType !== 'individual');
}

export function stepOfField(field: string): StepKey {
  if (field.startsWith('platform.') || field.startsWith('operation.')) return 'platform';
  if (field.startsWith('sponsor.')) return 'sponsor';
  if (field.startsWith('people.')) return 'people';
  if (field.startsWith('capital.') || field === 'attachments.equity_proof') return 'capital';
  if (field.startsWith('rules.') || field === 'attachments.rules_doc') return 'rules';
  if (field.startsWith('mlps.') || field === 'management' || field === 'attachments.mlps_proof') return 'mlps';
  return 'attachments';
}
