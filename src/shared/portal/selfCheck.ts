/**
 * Article 2's self-check (是否需要备案, SPEC §3, §13): a few yes/no questions and a reasoned answer. A platform that
 * collects vulnerabilities of products other than its own, in China, must file; one that collects only for fixing
 * its own products, networks and systems is exempt; Article 8 says when (before launch, or within 10 working days
 * of the effective date for platforms already online). Pure, so the server-rendered form and any client agree.
 */
export const SELF_CHECK_QUESTIONS = ['collects', 'inChina', 'others', 'ownFixOnly', 'online'] as const;
export type SelfCheckQuestion = (typeof SELF_CHECK_QUESTIONS)[number];
export type SelfCheckAnswers = Partial<Record<SelfCheckQuestion, boolean>>;

export type SelfCheckResult =
  | { kind: 'incomplete'; missing: SelfCheckQuestion[] }
  | { kind: 'notCollecting' | 'outsideChina' | 'ownOnly' }
  | { kind: 'mustFile'; timing: 'beforeLaunch' | 'alreadyOnline' };

export function judgeSelfCheck(a: SelfCheckAnswers): SelfCheckResult {
  const missing = (...qs: SelfCheckQuestion[]) => qs.filter((q) => a[q] === undefined);
  if (a.collects === undefined) return { kind: 'incomplete', missing: missing(...SELF_CHECK_QUESTIONS) };
  if (!a.collects) return { kind: 'notCollecting' };
  const rest = missing('inChina', 'others', 'ownFixOnly', 'online');
  if (a.inChina === false) return { kind: 'outsideChina' };
  if (a.others === false || a.ownFixOnly === true) return { kind: 'ownOnly' };
  if (rest.length > 0) return { kind: 'incomplete', missing: rest };
  return { kind: 'mustFile', timing: a.online ? 'alreadyOnline' : 'beforeLaunch' };
}

/** Reads `?collects=yes&…`; anything other than yes/no is left unanswered. */
export function parseSelfCheck(query: Record<string, unknown>): SelfCheckAnswers {
  const out: SelfCheckAnswers = {};
  for (const q of SELF_CHECK_QUESTIONS) {
    const v = query[q];
    if (v === 'yes') out[q] = true;
    else if (v === 'no') out[q] = false;
  }
  return out;
}
