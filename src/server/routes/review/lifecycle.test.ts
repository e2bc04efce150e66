/**
 * SPEC §3/§8 over HTTP: every (filing state, action) pair through the API, the table's answer and nothing else
 * (a refused pair is 409 and changes nothing); revocation by admins; the queue's kinds and the Article 8 filter.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FILING_MACHINE_ACTIONS, filingMachine } from '../../../shared/filing/lifecycle.js';
import { FILING_STATUSES, type FilingStatus } from '../../../shared/filing/status.js';
import { samplePdf } from '../../attachments/fixtures.js';
import { filings } from '../../db/schema.js';
import {
  approvedFiling,
  approveViaApi,
  createCompleteDraft,
  loginStaff,
  registerApplicant,
  startedChange,
  submittedFiling,
  validFilingDraft,
} from '../../test/factories.js';
import { startTestServer, type TestClient, type TestResponse, type TestServer } from '../../test/harness.js';
import { partnerFeed } from '../../test/lifecycle.js';

/** Friday 2026-11-27, 11:00 in China. */
const NOW = new Date('2026-11-27T03:00:00Z');
let server: TestServer;
let admin: TestClient;
let adminId: string;
let reviewerOnly: TestClient;

beforeAll(async () => {
  server = await startTestServer({ now: () => NOW });
  admin = server.client();
  adminId = (await loginStaff(server, admin, ['reviewer', 'admin'])).user.id;
  reviewerOnly = server.client();
  await loginStaff(server, reviewerOnly, ['reviewer']);
});
afterAll(() => server?.close());

/** A filing in `state`, owned by a fresh applicant on the returned client. */
async function filingIn(state: FilingStatus): Promise<{ id: string; owner: TestClient }> {
  const owner = server.client();
  if (state === 'draft') {
    await registerApplicant(owner);
    return { id: await createCompleteDraft(owner), owner };
  }
  const id = await submittedFiling(owner);
  if (state === 'correction_requested') {
    await admin.post(`/api/review/filings/${id}/request-correction`, {
      summary: '补正',
      items: [{ field: 'platform.name', message: '核实' }],
    });
  } else if (state === 'withdrawn') {
    await owner.post(`/api/filings/${id}/withdraw`);
  } else if (state !== 'submitted') {
    await approveViaApi(admin, id);
    if (state === 'deregistered')
      await owner.post(`/api/filings/${id}/deregistration`, { terminationDate: '2026-11-27' });
    if (state === 'revoked') await admin.post(`/api/review/filings/${id}/revoke`, { reason: '核查属实' });
  }
  const [row] = await server.ctx.db.select({ status: filings.status }).from(filings).where(eq(filings.id, id));
  expect(row?.status).toBe(state);
  return { id, owner };
}

type Act = (id: string, owner: TestClient) => Promise<TestResponse>;
const ACTIONS: Record<Exclude<(typeof FILING_MACHINE_ACTIONS)[number], 'applyChange'>, Act> = {
  update: (id, o) => o.put(`/api/filings/${id}`, validFilingDraft()),
  upload: (id, o) => o.upload(id, 'other', samplePdf('other'), '说明.pdf'),
  submit: (id, o) => o.post(`/api/filings/${id}/submit`),
  withdraw: (id, o) => o.post(`/api/filings/${id}/withdraw`),
  discard: (id, o) => o.delete(`/api/filings/${id}`),
  claim: (id) => admin.post(`/api/review/filings/${id}/claim`),
  assign: (id) => admin.post(`/api/review/filings/${id}/assign`, { reviewerId: adminId }),
  check: (id) => admin.put(`/api/review/filings/${id}/checks/platform`, { result: 'pass' }),
  approve: (id) => admin.post(`/api/review/filings/${id}/approve`),
  requestCorrection: (id) =>
    admin.post(`/api/review/filings/${id}/request-correction`, {
      summary: '补正',
      items: [{ field: 'platform.name', message: '核实' }],
    }),
  startChange: (id, o) => o.post(`/api/filings/${id}/changes`, { changeDate: '2026-11-27' }),
  scheduleDeregistration: (id, o) => o.post(`/api/filings/${id}/deregistration`, { terminationDate: '2026-12-31' }),
  deregister: (id, o) => o.post(`/api/filings/${id}/deregistration`, { terminationDate: '2026-11-27' }),
  revoke: (id) => admin.post(`/api/review/filings/${id}/revoke`, { reason: '核查属实' }),
};

const snapshot = async (id: string) => {
  const [row] = await server.ctx.db.select().from(filings).where(eq(filings.id, id));
  return { status: row?.status, version: row?.version, publicRecord: row?.publicRecord, updatedAt: row?.updatedAt };
};

describe('every (state, action) pair of the filing machine, through the API', () => {
  it.each(FILING_STATUSES)('from %s', async (state) => {
    const refused = await filingIn(state);
    for (const [action, act] of Object.entries(ACTIONS) as [keyof typeof ACTIONS, Act][]) {
      if (filingMachine.can(state, action)) {
        const fresh = await filingIn(state);
        const res = await act(fresh.id, fresh.owner);
        expect(res.status, `${state} × ${action}: ${res.text}`).toBeLessThan(300);
        const after = (await snapshot(fresh.id)).status;
        // A discarded draft is gone.
        expect(after, `${state} × ${action}`).toBe(
          action === 'discard' ? undefined : filingMachine.next(state, action),
        );
      } else {
        const before = await snapshot(refused.id);
        const res = await act(refused.id, refused.owner);
        // Drafts do not exist for staff (404); every other refusal is the table's 409.
        const staffAction = filingMachine.rolesFor(action).every((r) => r !== 'owner');
        expect(res.status, `${state} × ${action}: ${res.text}`).toBe(state === 'draft' && staffAction ? 404 : 409);
        expect(await snapshot(refused.id), `${state} × ${action} changed the filing`).toEqual(before);
      }
    }
  });
});

describe('POST /api/review/filings/:id/revoke', () => {
  it('answers 401, 403 to reviewers who are not admins, 400 naming the field, and changes nothing', async () => {
    const { id } = await approvedFiling(server.client(), admin);
    const before = await snapshot(id);
    expect((await server.client().post(`/api/review/filings/${id}/revoke`, { reason: '核查属实' })).status).toBe(401);
    expect((await reviewerOnly.post(`/api/review/filings/${id}/revoke`, { reason: '核查属实' })).status).toBe(403);
    const noReason = await admin.post(`/api/review/filings/${id}/revoke`, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].field).toBe('reason');
    const badComplaint = await admin.post(`/api/review/filings/${id}/revoke`, { reason: '核查属实', complaintId: 'x' });
    expect(badComplaint.body.errors[0].field).toBe('complaintId');
    expect(await snapshot(id)).toEqual(before);
  });

  it('revokes: 已撤销 in the registry, partners and applicant told, open change and scheduled deregistration cancelled', async () => {
    const owner = server.client();
    const { id, filingNumber } = await approvedFiling(owner, admin);
    const change = await startedChange(owner, id, '2026-11-26');
    await owner.post(`/api/filings/${id}/deregistration`, { terminationDate: '2026-12-31' });
    const complaintId = crypto.randomUUID();
    const res = await admin.post(`/api/review/filings/${id}/revoke`, { reason: '投诉核查属实', complaintId });
    expect(res.status).toBe(200);
    expect(res.body.filing).toMatchObject({
      status: 'revoked',
      revocationReason: '投诉核查属实',
      revocationComplaintId: complaintId,
    });
    const pub = await server.client().get(`/api/public/filings/${encodeURIComponent(filingNumber)}`);
    expect(pub.body.filing).toMatchObject({ status: 'revoked', statusLabel: '已撤销', filingNumber });
    expect((await owner.get(`/api/changes/${change.id}`)).body.change.status).toBe('cancelled');
    expect((await owner.get(`/api/filings/${id}`)).body.filing.deregistration.status).toBe('cancelled');
    const feed = await partnerFeed(server, id);
    expect(feed.map((f) => f.eventType)).toEqual(['filing.approved', 'filing.revoked']);
    expect(feed[1]?.payload).toMatchObject({ reason: '投诉核查属实', complaintId, status: 'revoked' });
    const titles = (await owner.get('/api/notifications')).body.items.map((n: { title: string }) => n.title);
    expect(titles).toContainEqual(expect.stringContaining('备案已被撤销'));
    const staffView = (await admin.get(`/api/review/filings/${id}`)).body.filing;
    expect(staffView.allowedActions).not.toContain('revoke');
    expect(staffView.record).toMatchObject({
      version: 1,
      revocationReason: '投诉核查属实',
      revocationComplaintId: complaintId,
    });
    expect(staffView.openChangeId).toBeNull();
  });

  it('offers revoke to admins only, on approved filings', async () => {
    const { id } = await approvedFiling(server.client(), admin);
    expect((await admin.get(`/api/review/filings/${id}`)).body.filing.allowedActions).toContain('revoke');
    expect((await reviewerOnly.get(`/api/review/filings/${id}`)).body.filing.allowedActions).not.toContain('revoke');
  });
});

describe('the review queue after approval', () => {
  it('marks first filings 首次备案 and explains their late flag (Article 8)', async () => {
    const id = await submittedFiling(server.client(), {
      operation: { alreadyOnline: true, launchDate: '2025-06-01' },
    });
    const queue = await admin.get('/api/review/queue?kind=filing&pageSize=100');
    expect(queue.body.items.find((i: { id: string }) => i.id === id)).toMatchObject({
      kind: 'filing',
      kindLabel: '首次备案',
      changeId: null,
      late: true,
      lateReason: expect.stringContaining('第八条'),
      article8: { state: 'online_late' },
    });
  });

  it('lists, for Article 8, platforms not yet online whose planned launch is near or past while not approved', async () => {
    const op = (launchDate: string) => ({ operation: { alreadyOnline: false, launchDate } });
    const near = await submittedFiling(server.client(), op('2026-12-10'));
    const past = await submittedFiling(server.client(), op('2026-11-01'));
    const far = await submittedFiling(server.client(), op('2027-06-01'));
    const approved = await approvedFiling(server.client(), admin, op('2026-12-05'));
    const res = await admin.get('/api/review/queue?launch=due&pageSize=100');
    expect(res.status).toBe(200);
    const byId = new Map(res.body.items.map((i: { id: string }) => [i.id, i]));
    expect(byId.get(near)).toMatchObject({ article8: { state: 'launch_near', launchDate: '2026-12-10' } });
    expect(byId.get(past)).toMatchObject({ article8: { state: 'launch_past' } });
    expect(byId.has(far)).toBe(false);
    expect(byId.has(approved.id)).toBe(false);
    const wider = await admin.get('/api/review/queue?launch=due&launchWithinDays=365&pageSize=100');
    expect(wider.body.items.map((i: { id: string }) => i.id)).toContain(far);
    expect((await admin.get('/api/review/queue?launch=soon')).status).toBe(400);
  });
});
