/** The editor's steps: the form's sections (shared/filing/sections.ts), then the files and the confirmation. */
import { FORM_SECTIONS, sectionOfField, sectionsFor } from '../../../../../shared/filing/sections.js';

export const STEP_KEYS = [...FORM_SECTIONS, 'attachments', 'confirm'] as const;
export type StepKey = (typeof STEP_KEYS)[number];

export function visibleSteps(sponsorType: string | undefined): StepKey[] {
  return [...sectionsFor(sponsorType), 'attachments', 'confirm'];
}

export const stepOfField = (field: string): StepKey => sectionOfField(field);
