/**
 * A review round after a correction notice (issue 14): the reviewer's checklist starts again, the review page shows
 * what the applicant changed since the notice, the applicant's timeline keeps the earlier round, and a credit code
 * accepted on the applicant's confirmation is an item of the checklist.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginStaff, submittedFiling, validFilingDraft } from '../../test/factories.js';
import { startTestServer, type TestServer } from '../../test/harness.js';

let clock = new Date('2026-11-27T03:00:00Z');
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ now: () => clock });
});
afterAll(() => server?.close());

const later = (minutes: number) => {
  clock = new Date(clock.getTime() + minutes * 60_000);
};

describe('after a correction and a resubmission', () => {
  it('the checklist starts again, the diff shows the change, and the applicant’s timeline keeps both rounds', async () => {
    const staff = server.client();
    await loginStaff(server, staff);
    const owner = server.client();
    const id = await submittedFiling(owner);
    later(5);
    expect((await staff.put(`/api/review/filings/${id}/checks/platform`, { result: 'fail' })).status).toBe(200);
    expect((await staff.put(`/api/review/filings/${id}/checks/sponsor`, { result: 'pass' })).status).toBe(200);
    later(5);
    const sent = await staff.post(`/api/review/filings/${id}/request-correction`, {
      summary: '平台名称与证明材料不一致',
      items: [{ field: 'platform.name', message: '请按营业执照填写' }],
    });
    expect(sent.status).toBe(200);
    // Until the applicant resubmits there is nothing to compare yet.
    expect(sent.body.filing.sinceCorrection).toBeNull();

    later(60);
    const draft = validFilingDraft();
    const saved = await owner.put(`/api/filings/${id}`, {
      ...draft,
      platform: { ...draft.platform, name: '漏洞盒子众测平台' },
      people: { ...draft.people, contact: { ...draft.people?.contact, mobile: '13700001111' } },
    });
    expect(saved.status).toBe(200);
    expect((await owner.post(`/api/filings/${id}/submit`)).status).toBe(200);

    const review = (await staff.get(`/api/review/filings/${id}`)).body.filing;
    expect(review.checks).toEqual([]);
    const diff = review.sinceCorrection.diff as { field: string; before: unknown; after: unknown }[];
    expect(diff).toContainEqual({ field: 'platform.name', before: '漏洞盒子安全众测平台', after: '漏洞盒子众测平台' });
    const mobile = diff.find((d) => d.field === 'people.contact.mobile');
    expect(mobile?.after).not.toBe('13700001111'); // masked
    expect(diff.map((d) => d.field)).not.toContain('rules.collectionScope');

    const mine = (await owner.get(`/api/filings/${id}`)).body.filing;
    expect(mine.history.map((e: { kind: string }) => e.kind)).toEqual(['submitted', 'correction', 'submitted']);
    expect(mine.history[1]).toMatchObject({
      summary: '平台名称与证明材料不一致',
      items: [{ field: 'platform.name', message: '请按营业执照填写' }],
    });
  });
});

describe('a credit code accepted on the applicant’s confirmation', () => {
  it('is flagged for the reviewer, who records a result for it', async () => {
    const staff = server.client();
    await loginStaff(server, staff);
    const owner = server.client();
    const draft = validFilingDraft();
    const id = await submittedFiling(owner, {
      sponsor: { ...draft.sponsor, idNumber: '91350211M0000XUF46', idNumberConfirmed: true },
    });
    const review = (await staff.get(`/api/review/filings/${id}`)).body.filing;
    expect(review.idNumberNeedsReview).toBe(true);
    const check = await staff.put(`/api/review/filings/${id}/checks/idNumber`, {
      result: 'pass',
      note: '已核对营业执照',
    });
    expect(check.status).toBe(200);
    expect(check.body.filing.checks).toContainEqual(expect.objectContaining({ section: 'idNumber', result: 'pass' }));

    const plain = await submittedFiling(server.client());
    expect((await staff.get(`/api/review/filings/${plain}`)).body.filing.idNumberNeedsReview).toBe(false);
  });
});
