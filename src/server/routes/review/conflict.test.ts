/** Issue 9, finding 8: staff may not decide their own filings, nor changes of them; another reviewer may. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCompleteDraft, loginStaff, startedChange } from '../../test/factories.js';
import { startTestServer, type TestServer } from '../../test/harness.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe('conflict of interest', () => {
  it('refuses a reviewer every decision on a filing they filed, and lets another reviewer decide it', async () => {
    const self = server.client();
    await loginStaff(server, self, ['reviewer', 'admin']);
    const id = await createCompleteDraft(self);
    expect((await self.post(`/api/filings/${id}/submit`)).status).toBe(200);

    const view = await self.get(`/api/review/filings/${id}`);
    expect(view.status).toBe(200);
    expect(view.body.filing.allowedActions).not.toContain('approve');
    for (const [path, body] of [
      ['claim', undefined],
      ['approve', undefined],
      ['request-correction', { summary: '请补正', items: [{ field: 'platform.name', message: '请核对' }] }],
    ] as const) {
      const res = await self.post(`/api/review/filings/${id}/${path}`, body);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('conflict_of_interest');
    }
    const check = await self.put(`/api/review/filings/${id}/checks/sponsor`, { result: 'pass' });
    expect(check.status).toBe(403);

    const other = server.client();
    const { user: otherUser } = await loginStaff(server, other, ['reviewer', 'admin']);
    const selfId = (await self.get('/api/auth/me')).body.user.id as string;
    const assign = await other.post(`/api/review/filings/${id}/assign`, { reviewerId: selfId });
    expect(assign.status).toBe(403);
    expect(assign.body.error.code).toBe('conflict_of_interest');
    expect(otherUser.id).not.toBe(selfId);
    const approve = await other.post(`/api/review/filings/${id}/approve`);
    expect(approve.status).toBe(200);

    // A change of their own filing is not theirs to decide either.
    const change = await startedChange(self, id, '2026-01-05');
    expect((await self.post(`/api/changes/${change.id}/submit`)).status).toBe(200);
    const own = await self.post(`/api/review/changes/${change.id}/approve`);
    expect(own.status).toBe(403);
    expect(own.body.error.code).toBe('conflict_of_interest');
  });
});
