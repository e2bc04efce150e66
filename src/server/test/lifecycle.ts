/** Helpers for the after-approval tests (SPEC §8): partner messages, public records, audit entries. */
import { and, asc, eq, sql } from 'drizzle-orm';
import { queryRows } from '../db/client.js';
import { outbox } from '../db/schema.js';
import { outboxAad } from '../services/outbox.js';
import type { TestServer } from './harness.js';

/** The partner feed entries of one filing, decrypted, oldest first. */
export async function partnerFeed(server: TestServer, filingId: string, partner = 'mps') {
  const rows = await server.ctx.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.filingId, filingId), eq(outbox.channel, 'feed'), eq(outbox.recipient, partner)))
    .orderBy(asc(outbox.id));
  return rows.map((r) => ({
    eventType: r.eventType,
    // biome-ignore lint/suspicious/noExplicitAny: tests read the payload's JSON
    payload: server.ctx.cipher.openJson<any>(r.payloadEnc, outboxAad(r.idempotencyKey)),
  }));
}

export async function auditActions(server: TestServer, subjectId: string): Promise<string[]> {
  const rows = await queryRows<{ action: string }>(
    server.ctx.db,
    sql`select action from audit_log where subject_id = ${subjectId} order by seq`,
  );
  return rows.map((r) => r.action);
}

/** A row count, for "changes nothing" checks. */
export async function countRows(server: TestServer, table: string, where = sql`true`): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    server.ctx.db,
    sql`select count(*)::int as n from ${sql.identifier(table)} where ${where}`,
  );
  return Number(rows[0]?.n ?? 0);
}
