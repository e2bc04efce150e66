/** The vocabulary of review shared by server and web: the authenticity checklist's sections and results. */
export const CHECK_SECTIONS = [
  'platform',
  'sponsor',
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
