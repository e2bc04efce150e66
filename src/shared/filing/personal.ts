/**
 * Which parts of a filing are personal data (SPEC §7): the sponsor's ID number, the people's names, phones and
 * emails, and an individual sponsor's name. They are stored apart from the rest, encrypted.
 */
import type { FilingDraft } from './schema.js';

export interface PersonalPart {
  sponsor?: { name?: string; idNumber?: string };
  people?: FilingDraft['people'];
}

export function splitPersonal(draft: FilingDraft): { open: FilingDraft; personal: PersonalPart } {
  const { people, sponsor, ...rest } = draft;
  const personal: PersonalPart = {};
  const open: FilingDraft = { ...rest };
  if (people) personal.people = people;
  if (sponsor) {
    const { idNumber, name, ...sponsorRest } = sponsor;
    const individual = sponsor.type === 'individual';
    open.sponsor = { ...sponsorRest, ...(individual || name === undefined ? {} : { name }) };
    personal.sponsor = {
      ...(idNumber === undefined ? {} : { idNumber }),
      ...(individual && name !== undefined ? { name } : {}),
    };
  }
  return { open, personal };
}

export function mergePersonal(open: FilingDraft, personal: PersonalPart): FilingDraft {
  const merged: FilingDraft = { ...open };
  if (personal.people) merged.people = personal.people;
  if (personal.sponsor || open.sponsor) merged.sponsor = { ...open.sponsor, ...personal.sponsor };
  return merged;
}
