/**
 * The life of a complaint (SPEC §9, Article 9): received 已受理 → verifying 核查中 → substantiated 属实 |
 * unsubstantiated 不属实 → closed 办结. Actions on a substantiated complaint (约谈 · 责令整改 · 撤销备案 · 移送公安机关)
 * keep the state; closing needs a reply to the complainant. Commands ask this table before every transition (409
 * otherwise) and the handlers' console shows the same buttons.
 *
 * Roles: `handler` a complaint handler (投诉处理员), `admin` an administrator (who alone may revoke a filing).
 */
import { defineMachine } from '../stateMachine.js';

export const COMPLAINT_STATUSES = ['received', 'verifying', 'substantiated', 'unsubstantiated', 'closed'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export const COMPLAINT_STATUS_LABELS: Record<ComplaintStatus, { zh: string; en: string }> = {
  received: { zh: '已受理', en: 'Received' },
  verifying: { zh: '核查中', en: 'Being verified' },
  substantiated: { zh: '属实', en: 'Substantiated' },
  unsubstantiated: { zh: '不属实', en: 'Unsubstantiated' },
  closed: { zh: '办结', en: 'Closed' },
};

export const COMPLAINT_CATEGORIES = [
  'unfiled',
  'false_info',
  'number_not_shown',
  'illegal_publication',
  'leak',
  'other',
] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

export const COMPLAINT_CATEGORY_LABELS: Record<ComplaintCategory, { zh: string; en: string }> = {
  unfiled: { zh: '未备案运营漏洞收集平台', en: 'Operating a vulnerability collection platform without filing' },
  false_info: { zh: '备案信息不真实', en: 'Filing information is untrue' },
  number_not_shown: {
    zh: '未在网站首页底部标明备案编号',
    en: 'Filing number not shown at the bottom of the home page',
  },
  illegal_publication: { zh: '违规发布漏洞信息', en: 'Publishing vulnerability information in breach of the rules' },
  leak: { zh: '泄露、出售漏洞信息', en: 'Leaking or selling vulnerability information' },
  other: { zh: '其他', en: 'Other' },
};

export const COMPLAINT_CHANNELS = ['web', 'phone', 'email'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];

/** Actions taken on a substantiated complaint; `revoke` runs the revocation, `refer` sends `complaint.referred`. */
export const COMPLAINT_MEASURES = ['interview', 'rectify', 'revoke', 'refer'] as const;
export type ComplaintMeasure = (typeof COMPLAINT_MEASURES)[number];

export const COMPLAINT_MEASURE_LABELS: Record<ComplaintMeasure, { zh: string; en: string }> = {
  interview: { zh: '约谈', en: 'Interview' },
  rectify: { zh: '责令整改', en: 'Order to rectify' },
  revoke: { zh: '撤销备案', en: 'Revoke the filing' },
  refer: { zh: '移送公安机关', en: 'Refer to the public security authority' },
};

export const COMPLAINT_ROLES = ['handler', 'admin'] as const;
export type ComplaintRole = (typeof COMPLAINT_ROLES)[number];

export const COMPLAINT_ACTIONS = [
  'assign',
  'startVerification',
  'substantiate',
  'reject',
  'interview',
  'rectify',
  'revoke',
  'refer',
  'close',
] as const;
export type ComplaintAction = (typeof COMPLAINT_ACTIONS)[number];

const staff = ['handler', 'admin'] as const;

export const complaintMachine = defineMachine({
  name: 'complaint',
  states: COMPLAINT_STATUSES,
  actions: COMPLAINT_ACTIONS,
  roles: COMPLAINT_ROLES,
  transitions: [
    { action: 'assign', from: ['received', 'verifying', 'substantiated', 'unsubstantiated'], by: staff },
    { action: 'startVerification', from: ['received'], to: 'verifying', by: staff },
    { action: 'substantiate', from: ['verifying'], to: 'substantiated', by: staff },
    { action: 'reject', from: ['verifying'], to: 'unsubstantiated', by: staff },
    { action: 'interview', from: ['substantiated'], by: staff },
    { action: 'rectify', from: ['substantiated'], by: staff },
    { action: 'revoke', from: ['substantiated'], by: ['admin'] },
    { action: 'refer', from: ['substantiated'], by: staff },
    { action: 'close', from: ['substantiated', 'unsubstantiated'], to: 'closed', by: staff },
  ],
});

/** Default handling time limit per category, in working days (SPEC §9: a setting, default 15). */
export const DEFAULT_COMPLAINT_LIMIT_WORKING_DAYS = 15;
