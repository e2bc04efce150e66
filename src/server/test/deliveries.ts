/** Helpers for the outbox tests: an approved filing through the API, partner setup, and a look at the outbox. */
import { and, asc, eq, sql } from 'drizzle-orm';
import { outbox, outboxAttempts } from '../db/schema.js';
import { createCompleteDraft, loginStaff, registerApplicant } from './factories.js';
import type { TestClient, TestServer } from './harness.js';

/** An admin signed in on a new client. */
export async function adminClient(server: TestServer): Promise<TestClient> {
  const admin = server.client();
  await loginStaff(server, admin, ['admin']);
  return admin;
}

/** Registers an applicant, submits a complete filing and has a reviewer approve it. */
export async function approvedFiling(server: TestServer) {
  const applicant = server.client();
  const { email } = await registerApplicant(applicant);
  const filingId = await createCompleteDraft(applicant);
  const submit = await applicant.post(`/api/filings/${filingId}/submit`);
  if (submit.status !== 200) throw new Error(`submit failed: ${submit.status} ${submit.text}`);
  const reviewer = server.client();
  await loginStaff(server, reviewer, ['reviewer']);
  const res = await reviewer.post(`/api/review/filings/${filingId}/approve`);
  if (res.status !== 200) throw new Error(`approve failed: ${res.status} ${res.text}`);
  return { filingId, filingNumber: res.body.filingNumber as string, applicantEmail: email, applicant };
}

export async function configurePartner(admin: TestClient, id: string, body: Record<string, unknown>) {
  const res = await admin.put(`/api/admin/partners/${id}`, body);
  if (res.status !== 200) throw new Error(`partner update failed: ${res.status} ${res.text}`);
  return res.body.partner;
}

/** The outbox messages of one filing, oldest first. */
export function outboxOf(server: TestServer, filingId: string) {
  return server.ctx.db.select().from(outbox).where(eq(outbox.filingId, filingId)).orderBy(asc(outbox.id));
}

export async function messageOf(server: TestServer, filingId: string, channel: string, recipient: string) {
  const [row] = await server.ctx.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.filingId, filingId), eq(outbox.channel, channel), eq(outbox.recipient, recipient)));
  if (!row) throw new Error(`no ${channel} message to ${recipient} for ${filingId}`);
  return row;
}

export function attemptsOf(server: TestServer, outboxId: number) {
  return server.ctx.db
    .select()
    .from(outboxAttempts)
    .where(eq(outboxAttempts.outboxId, outboxId))
    .orderBy(asc(outboxAttempts.id));
}

/** Makes every pending message due now, as if the backoff (or the lease) had run out. */
export async function makeDue(server: TestServer): Promise<void> {
  await server.ctx.db.update(outbox).set({ nextAttemptAt: sql`now()` }).where(eq(outbox.status, 'pending'));
}
