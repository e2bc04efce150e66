/**
 * A 统一社会信用代码 accepted on the applicant's word (SPEC §2): its only fault is the GB 32100 check character and the
 * applicant confirmed it against the business licence. The reviewer clears it in the authenticity checklist.
 */
import { usccOnlyCheckCharWrong } from '../validators/uscc.js';
import type { FilingDraft } from './schema.js';

export function idNumberNeedsReview(draft: FilingDraft): boolean {
  const s = draft.sponsor;
  if (!s?.idNumber || s.type === 'individual' || s.type === undefined) return false;
  return s.idNumberConfirmed === true && usccOnlyCheckCharWrong(s.idNumber);
}

/** Whether the form should offer the confirmation: an organisation's code whose only fault is the check character. */
export function idNumberConfirmable(draft: FilingDraft): boolean {
  const s = draft.sponsor;
  return !!s?.idNumber && s.type !== 'individual' && usccOnlyCheckCharWrong(s.idNumber);
}
