/** The vocabulary of review shared by server and web: the authenticity checklist's sections and results. */
export const CHECK_SECTIONS = [
  'platform',
  'sponsor',
  // SPEC §2: only for a credit code accepted on the applicant's confirmation (check character not per GB 32100).
  'idNumber',
  'people',
  'capital',
  'rules',
  'mlps',
  'management',
  'commitment',
] as const;
export type CheckSection = (typeof CHECK_SECTIONS)[number];

export const CHECK_RESULTS = ['pass', 'fail', 'na'] as const;
export type CheckResult = (typeof CHECK_RESULTS)[number];

/** The checklist's items for one filing: capital not for individuals, the credit code item only when flagged. */
export function checklistSections(f: {
  sponsorType?: string | undefined;
  idNumberNeedsReview: boolean;
}): CheckSection[] {
  return CHECK_SECTIONS.filter(
    (s) => !(s === 'capital' && f.sponsorType === 'individual') && !(s === 'idNumber' && !f.idNumberNeedsReview),
  );
}
