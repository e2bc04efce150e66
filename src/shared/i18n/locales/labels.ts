/**
 * The names of things the API returns as codes: the fields of 附件1 (by JSON path, SPEC §2), filing states,
 * attachment kinds, sponsor types. Chinese from the shared modules that define them; English here.
 * Field paths are keys with '/' for '.', because i18next reads '.' as nesting (`fieldKey` converts).
 */

import { ATTACHMENT_KIND_LABELS, type AttachmentKind } from '../../attachments.js';
import { COMPLAINT_CATEGORY_LABELS, COMPLAINT_STATUS_LABELS } from '../../complaints/lifecycle.js';
import { FIELD_LABELS, type FieldPath } from '../../filing/labels.js';
import { FILING_STATUS_LABELS, type FilingStatus, SPONSOR_TYPE_LABELS, type SponsorType } from '../../filing/status.js';
import { defineCatalog } from '../index.js';

export const fieldKey = (path: string) => path.replaceAll('.', '/');

const byKey = (labels: Record<string, string>) =>
  Object.fromEntries(Object.entries(labels).map(([k, v]) => [fieldKey(k), v])) as Record<string, string>;

const FIELD_LABELS_EN: Record<FieldPath, string> = {
  'platform.name': 'Platform name',
  'platform.homepageUrl': 'Homepage URL',
  'platform.icpNumber': 'ICP filing number',
  'platform.publishesVulnerabilities': 'Publishes vulnerabilities',
  'platform.publishUrls': 'Publishing URLs',
  'platform.socialAccounts': 'Social media accounts',
  'sponsor.name': 'Sponsor name',
  'sponsor.type': 'Sponsor type',
  'sponsor.idNumber': 'ID / credit code',
  'people.principal': 'Principal',
  'people.principal.name': 'Principal name',
  'people.principal.mobile': 'Principal mobile',
  'people.principal.email': 'Principal email',
  'people.contact': 'Contact',
  'people.contact.name': 'Contact name',
  'people.contact.mobile': 'Contact mobile',
  'people.contact.email': 'Contact email',
  'capital.registeredCapital': 'Registered capital (10k)',
  'capital.currency': 'Currency',
  'capital.shareholders': 'Shareholders',
  'rules.collectionScope': 'Collection scope and method',
  'rules.verification': 'Verification and assessment rules',
  'rules.notification': 'Notification rules',
  'rules.publication': 'Publication rules',
  'rules.identityVerification': 'User identity verification rules',
  'rules.classification': 'Classification rules',
  'mlps.certificateNumber': 'MLPS filing certificate no.',
  'mlps.level': 'MLPS level',
  management: 'Platform management',
  commitment: 'Commitment letter',
  other: 'Other information',
  'operation.alreadyOnline': 'Already online',
  'operation.launchDate': 'Launch date',
  'attachments.equity_proof': 'Proof of capital and equity',
  'attachments.mlps_proof': 'MLPS filing proof',
  'attachments.commitment_letter': 'Signed commitment letter',
};

const STATUS_EN: Record<FilingStatus, string> = {
  draft: 'Draft',
  submitted: 'Under review',
  correction_requested: 'Correction requested',
  approved: 'Filed',
  withdrawn: 'Withdrawn',
  deregistered: 'Deregistered',
  revoked: 'Revoked',
};

const KIND_EN: Record<AttachmentKind, string> = {
  equity_proof: 'Proof of capital and equity',
  rules_doc: 'Vulnerability rules document',
  mlps_proof: 'MLPS filing proof',
  management_proof: 'Platform management proof',
  commitment_letter: 'Signed commitment letter',
  other: 'Other files',
};

const SPONSOR_EN: Record<SponsorType, string> = {
  individual: 'Individual',
  enterprise: 'Enterprise',
  institution: 'Public institution',
  other_org: 'Other organisation',
};

/** The account forms' fields, as the auth API names them. */
const ACCOUNT_FIELDS_ZH: Record<string, string> = {
  email: '电子邮箱',
  password: '密码',
  displayName: '称呼',
  totp: '动态口令',
};
const ACCOUNT_FIELDS_EN: Record<string, string> = {
  email: 'email address',
  password: 'password',
  displayName: 'name',
  totp: 'one-time code',
};

export const labelsCatalog = defineCatalog(
  'labels',
  {
    field: { ...byKey(FIELD_LABELS), ...ACCOUNT_FIELDS_ZH },
    status: { ...FILING_STATUS_LABELS } as Record<string, string>,
    attachmentKind: { ...ATTACHMENT_KIND_LABELS } as Record<string, string>,
    sponsorType: { ...SPONSOR_TYPE_LABELS } as Record<string, string>,
    sub: { name: '名称', percent: '持股比例', app: '社交软件', account: '公众号' },
    partner: { mps: '公安部', cac: '国家互联网信息办公室' },
    complaintStatus: Object.fromEntries(Object.entries(COMPLAINT_STATUS_LABELS).map(([k, v]) => [k, v.zh])),
    complaintCategory: Object.fromEntries(Object.entries(COMPLAINT_CATEGORY_LABELS).map(([k, v]) => [k, v.zh])),
    changeStatus: {
      draft: '变更草稿',
      submitted: '变更审核中',
      correction_requested: '变更待补正',
      approved: '变更已生效',
      cancelled: '变更已取消',
    },
  },
  {
    field: { ...byKey(FIELD_LABELS_EN), ...ACCOUNT_FIELDS_EN },
    status: STATUS_EN,
    attachmentKind: KIND_EN,
    sponsorType: SPONSOR_EN,
    sub: { name: 'name', percent: 'share', app: 'app', account: 'account' },
    partner: { mps: 'Ministry of Public Security', cac: 'Cyberspace Administration of China' },
    complaintStatus: Object.fromEntries(Object.entries(COMPLAINT_STATUS_LABELS).map(([k, v]) => [k, v.en])),
    complaintCategory: Object.fromEntries(Object.entries(COMPLAINT_CATEGORY_LABELS).map(([k, v]) => [k, v.en])),
    changeStatus: {
      draft: 'Change draft',
      submitted: 'Change under review',
      correction_requested: 'Change: correction requested',
      approved: 'Change in force',
      cancelled: 'Change cancelled',
    },
  },
);

export { FIELD_LABELS_EN };
