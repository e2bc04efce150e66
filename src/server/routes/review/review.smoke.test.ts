import { afterAll, beforeAll, expect, it } from 'vitest';
import { loginStaff, submittedFiling } from '../../test/factories.js';
import { startTestServer, type TestServer } from '../../test/harness.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

it('approves a submitted filing and issues the first number of the year', async () => {
  const applicant = server.client();
  const id = await submittedFiling(applicant);
  const reviewer = server.client();
  await loginStaff(server, reviewer);
  const queue = await reviewer.get('/api/review/queue');
  expect(queue.status).toBe(200);
  expect(queue.body.items.map((i: { id: string }) => i.id)).toContain(id);
  const page = await reviewer.get(`/api/review/filings/${id}`);
  expect(page.status).toBe(200);
  expect(page.body.filing.data.people.principal.mobile).toMatch(/\*{4}/);
  const res = await reviewer.post(`/api/review/filings/${id}/approve`);
  expect(res.status).toBe(200);
  expect(res.body.filingNumber).toMatch(/^工信漏备\d{4}00001号$/);
  const mine = await applicant.get(`/api/filings/${id}`);
  expect(mine.body.filing.filingNumber).toBe(res.body.filingNumber);
  expect((await applicant.get('/api/review/queue')).status).toBe(403);
});
