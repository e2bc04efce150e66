/**
 * Is a filing complete and is every value valid? The server decides at submit; the web form runs the very same
 * function as the user types. Each error names its field by the JSON path of SPEC §2.
 */
import { checkEmail, checkHttpUrl, checkMobile } from '../validators/contact.js';
import { checkHomepageUrl } from '../validators/homepage.js';
import { checkIcpNumber } from '../validators/icp.js';
import { checkResidentId } from '../validators/residentId.js';
import { checkUscc, USCC_CONFIRM_MESSAGE, usccOnlyCheckCharWrong } from '../validators/uscc.js';
import { FIELD_LABELS, type FieldPath } from './labels.js';
import type { FilingDraft } from './schema.js';

export interface FieldError {
  field: string;
  message: string;
}

export interface CheckContext {
  /** The kinds of the attachments uploaded so far. */
  attachmentKinds: readonly string[];
  /** Today's China date, 'YYYY-MM-DD'. */
  today: string;
  /** The server's MONITOR_ALLOW_PRIVATE: a homepage on a private or loopback address passes (tests only). */
  allowPrivateHomepage?: boolean;
}

/** Attachments a complete filing must carry; equity proof only for organisations. */
export function requiredAttachmentKinds(draft: FilingDraft): string[] {
  const kinds = ['mlps_proof', 'commitment_letter'];
  if (draft.sponsor?.type !== 'individual') kinds.unshift('equity_proof');
  return kinds;
}

const ATTACHMENT_FIELD: Record<string, string> = {
  equity_proof: 'attachments.equity_proof',
  mlps_proof: 'attachments.mlps_proof',
  commitment_letter: 'commitment',
};

const blank = (v: string | undefined): v is undefined => v === undefined || v.trim() === '';

export function checkFiling(draft: FilingDraft, ctx: CheckContext): FieldError[] {
  const errors: FieldError[] = [];
  const add = (field: string, message: string) => errors.push({ field, message });
  const required = (field: FieldPath, value: string | undefined, check?: (v: string) => string | null) => {
    if (blank(value)) return add(field, `请填写${FIELD_LABELS[field]}`);
    const problem = check?.(value);
    if (problem) add(field, problem);
  };

  const p = draft.platform ?? {};
  required('platform.name', p.name, (v) => (v.length < 2 ? '平台名称至少 2 个字符' : null));
  required('platform.homepageUrl', p.homepageUrl, (v) =>
    checkHomepageUrl(v, { allowPrivate: ctx.allowPrivateHomepage ?? false }),
  );
  required('platform.icpNumber', p.icpNumber, checkIcpNumber);
  const publishes = p.publishesVulnerabilities !== false;
  const urls = p.publishUrls ?? [];
  if (publishes && urls.length === 0)
    add('platform.publishUrls', '请填写至少一个发布漏洞的网址；如不发布漏洞，请选择“不发布”');
  urls.forEach((u, i) => {
    const problem = blank(u) ? '网址不能为空' : checkHttpUrl(u);
    if (problem) add(`platform.publishUrls[${i}]`, problem);
  });
  (p.socialAccounts ?? []).forEach((s, i) => {
    if (blank(s.app)) add(`platform.socialAccounts[${i}].app`, '请填写社交软件名称');
    if (blank(s.account)) add(`platform.socialAccounts[${i}].account`, '请填写公众号名称');
  });

  const s = draft.sponsor ?? {};
  required('sponsor.name', s.name);
  if (!s.type) add('sponsor.type', '请选择主办者类型');
  const individual = s.type === 'individual';
  required('sponsor.idNumber', s.idNumber, (v) => {
    if (individual) return checkResidentId(v, new Date(`${ctx.today}T12:00:00+08:00`));
    // A code whose only fault is the check character is genuine in early pilot regions: accepted once confirmed.
    if (usccOnlyCheckCharWrong(v)) return s.idNumberConfirmed === true ? null : USCC_CONFIRM_MESSAGE;
    return checkUscc(v);
  });

  for (const role of ['principal', 'contact'] as const) {
    const person = draft.people?.[role] ?? {};
    required(`people.${role}.name`, person.name);
    required(`people.${role}.mobile`, person.mobile, checkMobile);
    required(`people.${role}.email`, person.email, checkEmail);
  }

  if (!individual) checkCapital(draft, add);

  const r = draft.rules ?? {};
  required('rules.collectionScope', r.collectionScope);
  required('rules.verification', r.verification);
  required('rules.notification', r.notification);
  required('rules.publication', r.publication);
  required('rules.identityVerification', r.identityVerification);
  required('rules.classification', r.classification);

  required('mlps.certificateNumber', draft.mlps?.certificateNumber);
  const level = draft.mlps?.level;
  if (level === undefined) add('mlps.level', '请选择等级保护定级');
  else if (level < 3) add('mlps.level', '须取得定级三级及以上的网络安全等级保护备案证明');

  required('management', draft.management);

  const op = draft.operation ?? {};
  if (op.alreadyOnline === undefined) add('operation.alreadyOnline', '请选择平台是否已上线运行');
  // The launch date decides Article 8 for a platform already online; a planned date is welcome but not required.
  if (blank(op.launchDate)) {
    if (op.alreadyOnline) add('operation.launchDate', '请填写上线日期');
  } else if (op.alreadyOnline && op.launchDate > ctx.today) {
    add('operation.launchDate', '已上线运行的平台，上线日期不能晚于今天');
  }

  for (const kind of requiredAttachmentKinds(draft)) {
    if (!ctx.attachmentKinds.includes(kind)) {
      add(ATTACHMENT_FIELD[kind] ?? `attachments.${kind}`, `请上传${FIELD_LABELS[`attachments.${kind}` as FieldPath]}`);
    }
  }
  return errors;
}

function checkCapital(draft: FilingDraft, add: (field: string, message: string) => void): void {
  const c = draft.capital ?? {};
  if (c.registeredCapital === undefined) add('capital.registeredCapital', '请填写注册资本（万元）');
  else if (c.registeredCapital <= 0) add('capital.registeredCapital', '注册资本应大于 0');
  if (c.currency !== undefined && !/^[A-Z]{3}$/.test(c.currency))
    add('capital.currency', '币种应为三位字母代码，如 CNY');
  const holders = c.shareholders ?? [];
  if (holders.length === 0) {
    add('capital.shareholders', '请填写股权结构（至少一名股东）');
    return;
  }
  holders.forEach((h, i) => {
    if (blank(h.name)) add(`capital.shareholders[${i}].name`, '请填写股东名称');
    if (h.percent === undefined) add(`capital.shareholders[${i}].percent`, '请填写持股比例');
    else if (!(h.percent > 0)) add(`capital.shareholders[${i}].percent`, '持股比例应大于 0');
  });
  const total = holders.reduce((sum, h) => sum + (h.percent ?? 0), 0);
  if (Math.abs(total - 100) > 0.01) add('capital.shareholders', `持股比例合计应为 100%，当前为 ${round2(total)}%`);
}

const round2 = (n: number) => Math.round(n * 100) / 100;
