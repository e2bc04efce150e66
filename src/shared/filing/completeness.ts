/**
 * Is a filing complete and is every value valid? The server decides at submit; the web form runs the very same
 * function as the user types. Each error names its field by the JSON path of SPEC §2.
 */
import { type Issue, type IssueParams, issue, renderIssue } from '../validation/issues.js';
import { emailIssue, httpUrlIssue, mobileIssue } from '../validators/contact.js';
import { homepageUrlIssue } from '../validators/homepage.js';
import { icpNumberIssue } from '../validators/icp.js';
import { residentIdIssue } from '../validators/residentId.js';
import { usccIssue, usccOnlyCheckCharWrong } from '../validators/uscc.js';
import type { FieldPath } from './labels.js';
import type { FilingDraft } from './schema.js';

export interface FieldError {
  field: string;
  /** In Chinese, the API's language (SPEC §13). */
  message: string;
  /** What is wrong, as a key of the validation catalog, for a UI to say it in its language (absent on older errors). */
  code?: string;
  params?: IssueParams;
}

/** A field error from an issue: its code and parameters, and its Chinese text as `message`. */
export function fieldError(field: string, found: Issue): FieldError {
  return { field, message: renderIssue(found, 'zh-CN'), ...found };
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
  const add = (field: string, code: string | Issue, params?: IssueParams) =>
    errors.push(fieldError(field, typeof code === 'string' ? issue(code, params) : code));
  const required = (field: FieldPath, value: string | undefined, check?: (v: string) => Issue | null) => {
    if (blank(value)) return add(field, 'required', { field });
    const problem = check?.(value);
    if (problem) add(field, problem);
  };

  const p = draft.platform ?? {};
  required('platform.name', p.name, (v) => (v.length < 2 ? issue('filing.nameShort') : null));
  required('platform.homepageUrl', p.homepageUrl, (v) =>
    homepageUrlIssue(v, { allowPrivate: ctx.allowPrivateHomepage ?? false }),
  );
  required('platform.icpNumber', p.icpNumber, icpNumberIssue);
  const publishes = p.publishesVulnerabilities !== false;
  const urls = p.publishUrls ?? [];
  if (publishes && urls.length === 0) add('platform.publishUrls', 'filing.publishUrlsNeeded');
  urls.forEach((u, i) => {
    const problem = blank(u) ? issue('url.empty') : httpUrlIssue(u);
    if (problem) add(`platform.publishUrls[${i}]`, problem);
  });
  (p.socialAccounts ?? []).forEach((s, i) => {
    if (blank(s.app)) add(`platform.socialAccounts[${i}].app`, 'filing.socialApp');
    if (blank(s.account)) add(`platform.socialAccounts[${i}].account`, 'filing.socialAccount');
  });

  const s = draft.sponsor ?? {};
  required('sponsor.name', s.name);
  if (!s.type) add('sponsor.type', 'filing.sponsorType');
  const individual = s.type === 'individual';
  required('sponsor.idNumber', s.idNumber, (v) => {
    if (individual) return residentIdIssue(v, new Date(`${ctx.today}T12:00:00+08:00`));
    // A code whose only fault is the check character is genuine in early pilot regions: accepted once confirmed.
    if (usccOnlyCheckCharWrong(v)) return s.idNumberConfirmed === true ? null : issue('uscc.confirmCheckChar');
    return usccIssue(v);
  });

  for (const role of ['principal', 'contact'] as const) {
    const person = draft.people?.[role] ?? {};
    required(`people.${role}.name`, person.name);
    required(`people.${role}.mobile`, person.mobile, mobileIssue);
    required(`people.${role}.email`, person.email, emailIssue);
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
  if (level === undefined) add('mlps.level', 'filing.mlpsLevel');
  else if (level < 3) add('mlps.level', 'filing.mlpsLevelLow');

  required('management', draft.management);

  const op = draft.operation ?? {};
  if (op.alreadyOnline === undefined) add('operation.alreadyOnline', 'filing.alreadyOnline');
  // The launch date decides Article 8 for a platform already online; a planned date is welcome but not required.
  if (blank(op.launchDate)) {
    if (op.alreadyOnline) add('operation.launchDate', 'filing.launchDate');
  } else if (op.alreadyOnline && op.launchDate > ctx.today) {
    add('operation.launchDate', 'filing.launchDateFuture');
  }

  for (const kind of requiredAttachmentKinds(draft)) {
    if (!ctx.attachmentKinds.includes(kind)) {
      add(ATTACHMENT_FIELD[kind] ?? `attachments.${kind}`, 'upload', { field: `attachments.${kind}` });
    }
  }
  return errors;
}

function checkCapital(draft: FilingDraft, add: (field: string, code: string, params?: IssueParams) => void): void {
  const c = draft.capital ?? {};
  if (c.registeredCapital === undefined)
    add('capital.registeredCapital', 'required', { field: 'capital.registeredCapital' });
  else if (c.registeredCapital <= 0) add('capital.registeredCapital', 'filing.capitalPositive');
  if (c.currency !== undefined && !/^[A-Z]{3}$/.test(c.currency)) add('capital.currency', 'filing.currency');
  const holders = c.shareholders ?? [];
  if (holders.length === 0) {
    add('capital.shareholders', 'filing.shareholders');
    return;
  }
  holders.forEach((h, i) => {
    if (blank(h.name)) add(`capital.shareholders[${i}].name`, 'filing.shareholderName');
    if (h.percent === undefined) add(`capital.shareholders[${i}].percent`, 'filing.sharePercent');
    else if (!(h.percent > 0)) add(`capital.shareholders[${i}].percent`, 'filing.sharePercentPositive');
  });
  const total = holders.reduce((sum, h) => sum + (h.percent ?? 0), 0);
  if (Math.abs(total - 100) > 0.01) add('capital.shareholders', 'filing.sharesTotal', { total: round2(total) });
}

const round2 = (n: number) => Math.round(n * 100) / 100;
