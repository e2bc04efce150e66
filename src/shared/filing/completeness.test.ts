import { describe, expect, it } from 'vitest';
import { checkFiling } from './completeness.js';
import type { FilingDraft } from './schema.js';

const fieldsOf = (draft: FilingDraft, today = '2026-11-28') =>
  checkFiling(draft, { attachmentKinds: [], today }).map((e) => e.field);

describe('operation (Article 8)', () => {
  it('asks a platform already online for its launch date', () => {
    expect(fieldsOf({ operation: { alreadyOnline: true } })).toContain('operation.launchDate');
  });

  it('does not require a planned date of a platform not yet online', () => {
    const fields = fieldsOf({ operation: { alreadyOnline: false } });
    expect(fields).not.toContain('operation.launchDate');
    expect(fields).not.toContain('operation.alreadyOnline');
  });

  it('refuses a launch date in the future for a platform said to be online', () => {
    expect(fieldsOf({ operation: { alreadyOnline: true, launchDate: '2026-11-29' } })).toContain(
      'operation.launchDate',
    );
    expect(fieldsOf({ operation: { alreadyOnline: true, launchDate: '2026-11-28' } })).not.toContain(
      'operation.launchDate',
    );
  });

  it('asks whether the platform is online at all', () => {
    expect(fieldsOf({})).toContain('operation.alreadyOnline');
  });
});

describe('who is asked for capital', () => {
  it('asks organisations for capital, shareholders and the equity proof, and individuals for none of it', () => {
    const org = fieldsOf({ sponsor: { type: 'enterprise' } });
    expect(org).toEqual(
      expect.arrayContaining(['capital.registeredCapital', 'capital.shareholders', 'attachments.equity_proof']),
    );
    const person = fieldsOf({ sponsor: { type: 'individual' } });
    expect(person.filter((f) => f.startsWith('capital') || f === 'attachments.equity_proof')).toEqual([]);
  });
});
