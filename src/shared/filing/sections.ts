/**
 * The sections of 附件1, written once: the editor's steps (plus its files and confirmation steps), the confirmation
 * view and the review page's view follow this order, and a field error is sent to its section by `sectionOfField`.
 */
export const FORM_SECTIONS = ['platform', 'sponsor', 'people', 'capital', 'rules', 'mlps'] as const;
export type FormSection = (typeof FORM_SECTIONS)[number];

/** Capital and equity are not asked of individuals (SPEC §2). */
export function sectionsFor(sponsorType: string | undefined): FormSection[] {
  return FORM_SECTIONS.filter((s) => s !== 'capital' || sponsorType !== 'individual');
}

/** The section a field path belongs to; attachments that are not a section's proof go with the commitment letter. */
export function sectionOfField(field: string): FormSection | 'attachments' {
  if (field.startsWith('platform.') || field.startsWith('operation.')) return 'platform';
  if (field.startsWith('sponsor.')) return 'sponsor';
  if (field.startsWith('people.')) return 'people';
  if (field.startsWith('capital.') || field === 'attachments.equity_proof') return 'capital';
  if (field.startsWith('rules.') || field === 'attachments.rules_doc') return 'rules';
  if (field.startsWith('mlps.') || field === 'management' || field === 'attachments.mlps_proof') return 'mlps';
  if (field === 'attachments.management_proof') return 'mlps';
  return 'attachments';
}
