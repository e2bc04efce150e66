/**
 * Access control by construction (issue 9): one table says, for every operation of the OpenAPI document and every
 * kind of caller, whether it is let through ('+') or refused ('-': 401, 403 or 404). The test sends each operation
 * as each caller, on applicant A's real objects with valid bodies, and fails on any difference, on an operation the
 * table lacks, and on a row for an operation that no longer exists: a new route must be given its row.
 *
 * Columns, in this order: anonymous, A (the owner), B (another applicant, on A's objects), reviewer, admin,
 * complaints handler, partner token.
 */
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/client.js';
import { approveViaApi, loginStaff, registerApplicant, startedChange, submittedFiling } from '../test/factories.js';
import { startTestServer, type TestClient } from '../test/harness.js';

const CALLERS = ['anonymous', 'owner', 'other', 'reviewer', 'admin', 'complaints', 'partner'] as const;
type Caller = (typeof CALLERS)[number];

// biome-ignore format: the table reads as a table
const EXPECTED: Record<string, string> = {
  //                                                              anonymous, owner, other, reviewer, admin, complaints, partner
  'POST /api/auth/register':                                      '+++++++',
  'POST /api/auth/confirm-email':                                 '+++++++',
  'POST /api/auth/login':                                         '+++++++',
  'POST /api/auth/logout':                                        '+++++++',
  'GET /api/auth/me':                                             '-+++++-',
  'POST /api/auth/password':                                      '-+++++-',
  'POST /api/auth/forgot-password':                               '+++++++',
  'POST /api/auth/reset-password':                                '+++++++',
  'POST /api/filings':                                            '-+++++-',
  'GET /api/filings':                                             '-+++++-',
  'GET /api/filings/{id}':                                        '-+-----',
  'PUT /api/filings/{id}':                                        '-+-----',
  'DELETE /api/filings/{id}':                                     '-+-----',
  'POST /api/filings/{id}/submit':                                '-+-----',
  'POST /api/filings/{id}/withdraw':                              '-+-----',
  'POST /api/filings/{id}/attachments':                           '-+-----',
  'PUT /api/filings/{id}/attachments/{attachmentId}':             '-+-----',
  'GET /api/filings/{id}/attachments/{attachmentId}':             '-+-----',
  'DELETE /api/filings/{id}/attachments/{attachmentId}':          '-+-----',
  'GET /api/filings/{id}/versions':                               '-+-----',
  'POST /api/filings/{id}/changes':                               '-+-----',
  'POST /api/filings/{id}/deregistration':                        '-+-----',
  'POST /api/filings/{id}/deregistration/cancel':                 '-+-----',
  'GET /api/filings/{id}/documents/commitment.pdf':               '-+-----',
  'GET /api/filings/{id}/documents/commitment.docx':              '-+-----',
  'GET /api/filings/{id}/documents/registration.pdf':             '-+-----',
  'GET /api/filings/{id}/documents/certificate.pdf':              '-+-----',
  'GET /api/changes/{changeId}':                                  '-+-----',
  'PUT /api/changes/{changeId}':                                  '-+-----',
  'POST /api/changes/{changeId}/attachments':                     '-+-----',
  'GET /api/changes/{changeId}/attachments/{attachmentId}':       '-+-----',
  'DELETE /api/changes/{changeId}/attachments/{attachmentId}':    '-+-----',
  'POST /api/changes/{changeId}/submit':                          '-+-----',
  'POST /api/changes/{changeId}/cancel':                          '-+-----',
  'GET /api/calendar/deadline':                                   '+++++++',
  'GET /api/calendar/coverage':                                   '---+++-',
  'GET /api/admin/calendar/years':                                '----+--',
  'GET /api/admin/calendar/years/{year}':                         '----+--',
  'PUT /api/admin/calendar/years/{year}':                         '----+--',
  'POST /api/admin/calendar/preview':                             '----+--',
  'GET /api/review/queue':                                        '---++--',
  'GET /api/review/reviewers':                                    '---++--',
  'GET /api/review/deregistrations':                              '---++--',
  'GET /api/review/filings/{id}':                                 '---++--',
  'POST /api/review/filings/{id}/approve':                        '---++--',
  'POST /api/review/filings/{id}/request-correction':             '---++--',
  'POST /api/review/filings/{id}/claim':                          '---++--',
  'POST /api/review/filings/{id}/assign':                         '---++--',
  'PUT /api/review/filings/{id}/checks/{section}':                '---++--',
  'POST /api/review/filings/{id}/reveal':                         '---++--',
  'POST /api/review/filings/{id}/revoke':                         '----+--',
  'GET /api/review/filings/{id}/attachments/{attachmentId}':      '---++--',
  'GET /api/review/filings/{id}/versions':                        '---++--',
  'GET /api/review/filings/{id}/versions/diff':                   '---++--',
  'GET /api/review/filings/{id}/versions/{version}':              '---++--',
  'GET /api/review/filings/{id}/documents/commitment.pdf':        '---++--',
  'GET /api/review/filings/{id}/documents/commitment.docx':       '---++--',
  'GET /api/review/filings/{id}/documents/registration.pdf':      '---++--',
  'GET /api/review/filings/{id}/documents/certificate.pdf':       '---++--',
  'GET /api/review/changes/{changeId}':                           '---++--',
  'POST /api/review/changes/{changeId}/approve':                  '---++--',
  'POST /api/review/changes/{changeId}/request-correction':       '---++--',
  'GET /api/review/changes/{changeId}/attachments/{attachmentId}':'---++--',
  'GET /api/admin/deliveries':                                    '----+--',
  'GET /api/admin/deliveries/{id}':                               '----+--',
  'POST /api/admin/deliveries/{id}/resend':                       '----+--',
  'GET /api/admin/partners':                                      '----+--',
  'PUT /api/admin/partners/{id}':                                 '----+--',
  'POST /api/admin/partners/{id}/token':                          '----+--',
  'GET /api/admin/settings':                                      '----+--',
  'PUT /api/admin/settings':                                      '----+--',
  'GET /api/admin/staff':                                         '----+--',
  'POST /api/admin/staff':                                        '----+--',
  'PUT /api/admin/staff/{id}':                                    '----+--',
  'POST /api/admin/staff/{id}/reset-totp':                        '----+--',
  'POST /api/admin/staff/{id}/reset-password':                    '----+--',
  'GET /api/admin/audit':                                         '----+--',
  'GET /api/admin/audit/verify':                                  '----+--',
  'GET /api/admin/audit/export.csv':                              '----+--',
  'GET /api/partner/events':                                      '------+',
  'GET /api/public/filings':                                      '+++++++',
  'GET /api/public/filings/{filingNumber}':                       '+++++++',
  'GET /api/notifications':                                       '-+++++-',
  'POST /api/notifications/{id}/read':                            '-+-----',
  'GET /api/dashboard':                                           '---+++-',
  'POST /api/review/filings/{id}/homepage-checks':                '---++--',
  'GET /api/review/filings/{id}/homepage-checks':                 '---++--',
  'GET /api/review/filings/{id}/homepage-checks/{checkId}/screenshot': '---++--',
  'GET /api/review/filings/{id}/homepage-checks/{checkId}/evidence': '---++--',
  'GET /api/review/homepage-monitor/flagged':                     '---++--',
  'POST /api/review/homepage-checks/check-all':                   '----+--',
  'GET /api/public/open-data/filings.json':                       '+++++++',
  'GET /api/public/open-data/filings.csv':                        '+++++++',
  'GET /api/public/open-data/datapackage.json':                   '+++++++',
  'GET /api/public/open-data/events.atom':                        '+++++++',
  'GET /api/public/log/head':                                     '+++++++',
  'GET /api/public/log/entries':                                  '+++++++',
  'GET /api/public/log/proof/inclusion':                          '+++++++',
  'GET /api/public/log/proof/consistency':                        '+++++++',
  'GET /api/public/log/key':                                      '+++++++',
  'GET /api/public/complaints/challenge':                         '+++++++',
  'POST /api/public/complaints':                                  '+++++++',
  'GET /api/public/complaints/{trackingCode}':                    '+++++++',
  'GET /api/complaints':                                          '----++-',
  'POST /api/complaints':                                         '----++-',
  'GET /api/complaints/handlers':                                 '----++-',
  'POST /api/complaints/import-eml':                              '----++-',
  'GET /api/complaints/{id}':                                     '----++-',
  'POST /api/complaints/{id}/assign':                             '----++-',
  'POST /api/complaints/{id}/start-verification':                 '----++-',
  'POST /api/complaints/{id}/verify':                             '----++-',
  'POST /api/complaints/{id}/measures':                           '----++-',
  'POST /api/complaints/{id}/close':                              '----++-',
  'POST /api/complaints/{id}/reveal':                             '----++-',
  // A made-up evidence id of a real complaint: the handlers' 404 is "no such file", the others' 401/403 come first.
  'GET /api/complaints/{id}/evidence/{evidenceId}':               '-------',
  'POST /api/complaints/{id}/homepage-checks':                     '----++-',
  'GET /api/complaints/{id}/homepage-checks/{checkId}/evidence':   '-------',
};

const server = await startTestServer();
afterAll(() => server.close());

// The world: A's approved filing with a submitted change, B, staff of each role, a partner's token.
const clients: Record<Caller, TestClient> = Object.fromEntries(CALLERS.map((c) => [c, server.client()])) as never;
const approver = server.client();
await loginStaff(server, approver, ['reviewer']);
const filingId = await submittedFiling(clients.owner);
const filingNumber = await approveViaApi(approver, filingId);
const change = await startedChange(clients.owner, filingId, new Date().toISOString().slice(0, 10));
expect((await clients.owner.post(`/api/changes/${change.id}/submit`)).status).toBe(200);
await registerApplicant(clients.other);
const loginAccount = await registerApplicant(server.client());
const { user: reviewer } = await loginStaff(server, clients.reviewer, ['reviewer']);
await loginStaff(server, clients.admin, ['admin']);
const { user: handlerUser } = await loginStaff(server, clients.complaints, ['complaints']);
// A complaint taken by phone, in the handlers' hands.
const complaintBody = {
  channel: 'phone',
  category: 'other',
  targetName: '某漏洞平台',
  description: '电话反映该平台公开了未修复的漏洞细节。',
};
expect((await clients.complaints.post('/api/complaints', complaintBody)).status).toBe(201);
const [complaintRow] = await queryRows<{ id: string; tracking_code: string }>(
  server.ctx.db,
  sql`select id, tracking_code from complaints order by received_at desc limit 1`,
);
// A staff account of its own for the admin's account operations (a TOTP or password reset ends its sessions).
const { createStaffUser } = await import('../commands/createStaffUser.js');
const { user: staffTarget } = await createStaffUser(server.ctx, {
  email: `access-target-${crypto.randomUUID()}@example.gov.cn`,
  password: 'staff-password-2026',
  roles: ['reviewer'],
});
const partnerToken = (await clients.admin.post('/api/admin/partners/mps/token')).body.token as string;
const filing = (await clients.owner.get(`/api/filings/${filingId}`)).body.filing;
const attachmentId = filing.attachments[0].id as string;
const changeAttachmentId = (await clients.owner.get(`/api/changes/${change.id}`)).body.change.attachments[0]
  .id as string;
const [delivery] = await queryRows<{ id: number }>(
  server.ctx.db,
  sql`select min(id)::int as id from outbox where channel in ('webhook', 'email')`,
);
const ownerId = (await clients.owner.get('/api/auth/me')).body.user.id as string;
const [notice] = await queryRows<{ id: string }>(
  server.ctx.db,
  sql`select id from notifications where user_id = ${ownerId} limit 1`,
);

const PARAMS: Record<string, string> = {
  '{id}': filingId,
  '{attachmentId}': attachmentId,
  '{changeId}': change.id,
  '{section}': 'sponsor',
  '{version}': '1',
  '{filingNumber}': encodeURIComponent(filingNumber),
  // A year far from every deadline of the world above: saving it moves nothing.
  '{year}': '2030',
};

function pathFor(path: string): string {
  let out = path;
  if (path.startsWith('/api/complaints/')) {
    out = out.replace('{id}', String(complaintRow?.id)).replace('{evidenceId}', crypto.randomUUID());
  }
  out = out.replace('{trackingCode}', String(complaintRow?.tracking_code));
  if (path.startsWith('/api/changes/') || path.startsWith('/api/review/changes/'))
    out = out.replace('{attachmentId}', changeAttachmentId);
  if (path.startsWith('/api/admin/deliveries/')) out = out.replace('{id}', String(delivery?.id));
  if (path.startsWith('/api/admin/partners/')) out = out.replace('{id}', 'mps');
  if (path.startsWith('/api/admin/staff/')) out = out.replace('{id}', staffTarget.id);
  if (path.startsWith('/api/notifications/')) out = out.replace('{id}', String(notice?.id));
  for (const [k, v] of Object.entries(PARAMS)) out = out.replace(k, v);
  return out;
}

const today = new Date().toISOString().slice(0, 10);
/** Valid bodies, so that what answers is the access check and not validation. */
const BODIES: Record<string, unknown> = {
  'POST /api/auth/register': () => ({
    email: `access-${crypto.randomUUID()}@example.com`,
    password: 'lantern-ferry-8841',
  }),
  // A token of the right shape that no mail carried: 400 for everyone (the access check is that there is none).
  'POST /api/auth/confirm-email': () => ({ token: 'A'.repeat(43) }),
  'POST /api/auth/login': () => ({ email: loginAccount.email, password: loginAccount.password }),
  // A wrong current password: 400 naming it for whoever is signed in (counted like one failed sign-in), 401 for others.
  'POST /api/auth/password': { currentPassword: 'not-the-password-1', newPassword: 'lantern-ferry-8841' },
  'POST /api/auth/forgot-password': () => ({ email: `access-forgot-${crypto.randomUUID()}@example.com` }),
  // As confirm-email: a token no mail carried, 400 for everyone.
  'POST /api/auth/reset-password': { token: 'A'.repeat(43), password: 'lantern-ferry-8841' },
  'POST /api/filings': {},
  'PUT /api/filings/{id}': {},
  'POST /api/filings/{id}/deregistration': { terminationDate: '2099-01-01' },
  'POST /api/filings/{id}/changes': { changeDate: today },
  'PUT /api/changes/{changeId}': {},
  'POST /api/review/filings/{id}/request-correction': {
    summary: '请补正',
    items: [{ field: 'platform.name', message: '请核对名称' }],
  },
  'POST /api/review/changes/{changeId}/request-correction': {
    summary: '请补正',
    items: [{ field: 'platform.name', message: '请核对名称' }],
  },
  'POST /api/review/filings/{id}/assign': () => ({ reviewerId: reviewer.id }),
  'PUT /api/review/filings/{id}/checks/{section}': { result: 'pass' },
  'POST /api/review/filings/{id}/reveal': { reason: '核对主办者身份' },
  'POST /api/review/filings/{id}/revoke': { reason: '访问控制测试' },
  'PUT /api/admin/partners/{id}': { enabled: true },
  'PUT /api/admin/settings': { monitor: { spreadHours: 20 } },
  'POST /api/admin/staff': () => ({
    email: `access-staff-${crypto.randomUUID()}@example.gov.cn`,
    displayName: '访问控制测试',
    roles: ['reviewer'],
  }),
  'PUT /api/admin/staff/{id}': { displayName: '访问控制测试' },
  'PUT /api/admin/calendar/years/{year}': {
    schedule: { year: 2030, source: '访问控制测试', holidays: [{ date: '2030-01-01', name: '元旦' }], workdays: [] },
  },
  'POST /api/admin/calendar/preview': {
    year: 2030,
    schedule: { year: 2030, source: '访问控制测试', holidays: [{ date: '2030-01-01', name: '元旦' }], workdays: [] },
  },
  'POST /api/complaints': complaintBody,
  'POST /api/public/complaints': { ...complaintBody, channel: undefined, altcha: 'bm90LXNvbHZlZA==' },
  'POST /api/complaints/{id}/assign': () => ({ handlerId: handlerUser.id }),
  'POST /api/complaints/{id}/verify': { outcome: 'substantiated', note: '经核查属实' },
  'POST /api/complaints/{id}/measures': { measure: 'interview', note: '已约谈平台负责人' },
  'POST /api/complaints/{id}/close': { reply: '经核查属实，已约谈平台。' },
  'POST /api/complaints/{id}/reveal': { reason: '回访投诉人' },
};

const QUERIES: Record<string, string> = {
  'GET /api/calendar/deadline': '?from=2026-01-05&workingDays=10',
  'GET /api/review/filings/{id}/versions/diff': '?from=1&to=1',
  'GET /api/public/log/entries': '?start=0&end=10',
  'GET /api/public/log/proof/inclusion': '?index=0&treeSize=1',
  'GET /api/public/log/proof/consistency': '?first=1&second=1',
};

const doc = (await (await fetch(`${server.url}/api/docs/json`)).json()) as { paths: Record<string, object> };
/** Operations that change what later ones see go last, in this order. */
const LAST = [
  'POST /api/review/changes/{changeId}/approve',
  'DELETE /api/changes/{changeId}/attachments/{attachmentId}',
  'POST /api/changes/{changeId}/cancel',
  'DELETE /api/filings/{id}/attachments/{attachmentId}',
  'POST /api/filings/{id}/deregistration',
  'POST /api/filings/{id}/deregistration/cancel',
  'POST /api/admin/partners/{id}/token',
  'POST /api/review/filings/{id}/revoke',
  'POST /api/complaints/{id}/assign',
  'POST /api/complaints/{id}/start-verification',
  'POST /api/complaints/{id}/verify',
  'POST /api/complaints/{id}/measures',
  'POST /api/complaints/{id}/close',
  'POST /api/auth/logout',
];
const operations = Object.entries(doc.paths)
  .flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`))
  .sort((a, b) => LAST.indexOf(a) - LAST.indexOf(b) || 0);

async function outcome(op: string, caller: Caller): Promise<{ sign: '+' | '-'; status: number }> {
  const [method, path] = op.split(' ') as [string, string];
  const raw = BODIES[op];
  const body = typeof raw === 'function' ? raw() : raw;
  const headers: Record<string, string> = caller === 'partner' ? { authorization: `Bearer ${partnerToken}` } : {};
  // Logging out is the last operation of all (LAST), so the sessions it ends are not needed again. Signing up or in
  // sets a new session: those go through a client of their own.
  const ownClient = ['POST /api/auth/register', 'POST /api/auth/confirm-email', 'POST /api/auth/login'].includes(op);
  const client = ownClient ? server.client() : clients[caller];
  const res = await client.request(method, `${pathFor(path)}${QUERIES[op] ?? ''}`, {
    headers,
    ...(body !== undefined ? { json: body } : method === 'GET' || method === 'DELETE' ? {} : { json: {} }),
  });
  return { sign: [401, 403, 404].includes(res.status) ? '-' : '+', status: res.status };
}

describe('access control, every operation × every caller', () => {
  it('has exactly one row for every operation in the OpenAPI document', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...operations].sort());
  });

  it('lets through and refuses exactly as the table says', async () => {
    const actual: Record<string, string> = {};
    const statuses: Record<string, number[]> = {};
    for (const op of operations) {
      const expected = EXPECTED[op] ?? '???????';
      // Callers expected to be refused go first: a caller let through may change the object.
      const order = CALLERS.map((c, i) => ({ c, i })).sort(
        (a, b) => Number(expected[a.i] === '+') - Number(expected[b.i] === '+'),
      );
      const signs: string[] = [];
      const codes: number[] = [];
      for (const { c, i } of order) {
        const r = await outcome(op, c);
        signs[i] = r.sign;
        codes[i] = r.status;
      }
      actual[op] = signs.join('');
      statuses[op] = codes;
    }
    const diff = operations
      .filter((op) => actual[op] !== EXPECTED[op])
      .map(
        (op) => `  '${op}': '${actual[op]}', // expected ${EXPECTED[op] ?? 'no row'}, got ${statuses[op]?.join(' ')}`,
      );
    expect(diff, `differences (actual rows):\n${diff.join('\n')}`).toEqual([]);
  }, 240_000);
});
