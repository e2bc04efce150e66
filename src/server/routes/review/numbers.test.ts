/**
 * Filing numbers (SPEC §3, §7): issued once at approval, gapless and in order within a year, safe under concurrent
 * approvals on several instances, and never half-issued when the process dies mid-approval.
 */

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { inArray, sql } from 'drizzle-orm';
import { describe, expect, inject, it } from 'vitest';
import { filingDraftInput } from '../../../shared/filing/schema.js';
import { writeBlob } from '../../attachments/blobStore.js';
import { verifyAuditChain } from '../../audit/auditLog.js';
import { uploadAttachment } from '../../commands/attachments.js';
import { createFiling } from '../../commands/saveFiling.js';
import { submitFiling } from '../../commands/submitFiling.js';
import { queryRows } from '../../db/client.js';
import { filings } from '../../db/schema.js';
import type { SessionUser } from '../../services/sessions.js';
import {
  loginStaff,
  REQUIRED_UPLOADS,
  registerApplicant,
  submittedFiling,
  validFilingDraft,
} from '../../test/factories.js';
import { startSecondInstance, startTestServer, type TestServer } from '../../test/harness.js';

/** Friday 2026-11-27, 11:00 in China. */
const NOW = new Date('2026-11-27T03:00:00Z');
const onPostgres = inject('dbKind') === 'postgres';
const expectedNumbers = (n: number) =>
  Array.from({ length: n }, (_, i) => `工信漏备2026${String(i + 1).padStart(5, '0')}号`);

async function withServer(fn: (server: TestServer) => Promise<void>) {
  const server = await startTestServer({ now: () => NOW });
  try {
    await fn(server);
  } finally {
    await server.close();
  }
}

async function counter(server: TestServer, year = 2026): Promise<number | null> {
  const rows = await queryRows<{ last: number }>(
    server.ctx.db,
    sql`select last from filing_number_counters where year = ${year}`,
  );
  return rows[0] ? Number(rows[0].last) : null;
}

/** `n` submitted filings of one applicant, made through the commands (no HTTP), `parallel` at a time. */
async function submittedFilings(server: TestServer, n: number, parallel = 8): Promise<string[]> {
  const { user } = await registerApplicant(server.client());
  const owner: SessionUser = { id: user.id, roles: ['applicant'], displayName: null, emailEnc: '', sessionId: '' };
  const draft = filingDraftInput.parse(validFilingDraft());
  const ids: string[] = [];
  const one = async () => {
    const row = await createFiling(server.ctx, { user: owner, draft });
    for (const u of REQUIRED_UPLOADS) {
      await uploadAttachment(server.ctx, {
        user: owner,
        filingId: row.id,
        kind: u.kind,
        fileName: u.name,
        blob: await writeBlob(server.ctx, [u.bytes()], Number.POSITIVE_INFINITY),
      });
    }
    await submitFiling(server.ctx, { user: owner, filingId: row.id });
    ids.push(row.id);
  };
  for (let i = 0; i < n; i += parallel) {
    await Promise.all(Array.from({ length: Math.min(parallel, n - i) }, one));
  }
  return ids;
}

async function numbersInDatabase(server: TestServer, ids: string[]) {
  const rows = await server.ctx.db
    .select({ id: filings.id, filingNumber: filings.filingNumber, status: filings.status })
    .from(filings)
    .where(inArray(filings.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

/** The numbers in the order their approvals were written to the audit log. */
async function numbersInAuditOrder(server: TestServer): Promise<string[]> {
  const rows = await queryRows<{ n: string }>(
    server.ctx.db,
    sql`select details->>'filingNumber' as n from audit_log where action = 'filing.approve' order by seq`,
  );
  return rows.map((r) => r.n);
}

describe('gapless numbers under concurrent approvals', () => {
  it.runIf(onPostgres)(
    'gives 200 parallel approvals through two instances on one database 200 distinct, gapless numbers',
    async () => {
      await withServer(async (server) => {
        const ids = await submittedFilings(server, 200);
        const second = await startSecondInstance(server);
        try {
          const a = server.client();
          const b = second.client();
          await loginStaff(server, a);
          await loginStaff(second, b);
          const results = await Promise.all(
            ids.map((id, i) => (i % 2 ? b : a).post(`/api/review/filings/${id}/approve`)),
          );
          expect(results.map((r) => r.status)).toEqual(ids.map(() => 200));
          const numbers = results.map((r) => r.body.filingNumber as string);
          expect(new Set(numbers).size).toBe(200);
          expect([...numbers].sort()).toEqual(expectedNumbers(200));

          const stored = await numbersInDatabase(server, ids);
          ids.forEach((id, i) => {
            expect(stored.get(id)).toMatchObject({ status: 'approved', filingNumber: numbers[i] });
          });
          expect(await counter(server)).toBe(200);
          // In order: each approval's number is written to the log after the one before it committed.
          expect(await numbersInAuditOrder(server)).toEqual(expectedNumbers(200));
          expect(await verifyAuditChain(server.ctx.db)).toMatchObject({ ok: true });
        } finally {
          await second.close();
        }
      });
    },
    120_000,
  );

  it.runIf(!onPostgres)(
    'gives 20 approvals one after another the numbers 1 to 20',
    async () => {
      await withServer(async (server) => {
        const ids = await submittedFilings(server, 20, 4);
        const staff = server.client();
        await loginStaff(server, staff);
        const numbers: string[] = [];
        for (const id of ids) {
          const res = await staff.post(`/api/review/filings/${id}/approve`);
          expect(res.status, res.text).toBe(200);
          numbers.push(res.body.filingNumber);
        }
        expect(numbers).toEqual(expectedNumbers(20));
        expect(await counter(server)).toBe(20);
        expect(await numbersInAuditOrder(server)).toEqual(expectedNumbers(20));
      });
    },
    60_000,
  );
});

const CHILD = fileURLToPath(new URL('../../test/approveInChild.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** Runs approveInChild.ts in its own process against the server's database and keys. */
function approveInChild(server: TestServer, props: { filingId: string; reviewerId: string; fault?: string }) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...server.keys,
    DATABASE_URL: server.databaseUrl,
    FILING_ID: props.filingId,
    REVIEWER_ID: props.reviewerId,
    NOW: NOW.toISOString(),
    LOG_LEVEL: 'silent',
  };
  delete env.VCP_FAULT;
  if (props.fault) env.VCP_FAULT = props.fault;
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>(
    (resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', CHILD], { cwd: ROOT, env });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => {
        stdout += d;
      });
      child.stderr.on('data', (d) => {
        stderr += d;
      });
      child.on('error', reject);
      child.on('exit', (code, signal) => resolve({ code, signal, stdout: stdout.trim(), stderr }));
    },
  );
}

describe('a crash mid-approval', () => {
  it.runIf(onPostgres)(
    'leaves no number issued without its filing, and the next approval takes the next number',
    async () => {
      await withServer(async (server) => {
        const staff = server.client();
        const { user } = await loginStaff(server, staff);
        const [first, second, third] = [
          await submittedFiling(server.client()),
          await submittedFiling(server.client()),
          await submittedFiling(server.client()),
        ] as [string, string, string];

        const expectNothingIssued = async (id: string, counterBefore: number | null) => {
          const row = (await numbersInDatabase(server, [id])).get(id);
          expect(row).toMatchObject({ status: 'submitted', filingNumber: null });
          expect(await counter(server)).toBe(counterBefore);
          for (const table of ['review_decisions', 'notifications', 'outbox']) {
            const rows = await queryRows<{ n: number }>(
              server.ctx.db,
              sql`select count(*)::int as n from ${sql.identifier(table)} where filing_id = ${id}`,
            );
            expect(rows, table).toEqual([{ n: 0 }]);
          }
          const approvals = await queryRows<{ n: number }>(
            server.ctx.db,
            sql`select count(*)::int as n from audit_log where action = 'filing.approve' and subject_id = ${id}`,
          );
          expect(approvals).toEqual([{ n: 0 }]);
          expect(await verifyAuditChain(server.ctx.db)).toMatchObject({ ok: true });
        };

        // Killed before any number of the year was issued: no counter row is left behind.
        const killed = await approveInChild(server, {
          filingId: first,
          reviewerId: user.id,
          fault: 'approve.afterNumber',
        });
        expect(killed, killed.stderr).toMatchObject({ code: null, signal: 'SIGKILL' });
        await expectNothingIssued(first, null);
        const res = await staff.post(`/api/review/filings/${first}/approve`);
        expect(res.status, res.text).toBe(200);
        expect(res.body.filingNumber).toBe('工信漏备202600001号');

        // Killed again with the counter at 1: it stays at 1.
        const again = await approveInChild(server, {
          filingId: second,
          reviewerId: user.id,
          fault: 'approve.afterNumber',
        });
        expect(again, again.stderr).toMatchObject({ code: null, signal: 'SIGKILL' });
        await expectNothingIssued(second, 1);

        // The same script without the fault gets through, with the next number: it opens the data with the keys.
        const done = await approveInChild(server, { filingId: second, reviewerId: user.id });
        expect(done, done.stderr).toMatchObject({ code: 0, signal: null, stdout: '工信漏备202600002号' });
        const next = await staff.post(`/api/review/filings/${third}/approve`);
        expect(next.body.filingNumber).toBe('工信漏备202600003号');
        expect(await counter(server)).toBe(3);
        expect(await numbersInAuditOrder(server)).toEqual(expectedNumbers(3));
        expect(await verifyAuditChain(server.ctx.db)).toMatchObject({ ok: true });
      });
    },
    90_000,
  );
});

describe('the number format setting', () => {
  it('issues numbers in the configured form', async () => {
    await withServer(async (server) => {
      await server.ctx.settings.set('filingNumber.format', 'VCP-{year}-{seq:4}');
      const staff = server.client();
      await loginStaff(server, staff);
      const numbers: string[] = [];
      for (let i = 0; i < 2; i++) {
        const id = await submittedFiling(server.client());
        const res = await staff.post(`/api/review/filings/${id}/approve`);
        expect(res.status, res.text).toBe(200);
        numbers.push(res.body.filingNumber);
      }
      expect(numbers).toEqual(['VCP-2026-0001', 'VCP-2026-0002']);
      const pub = await server.client().get('/api/public/filings/VCP-2026-0002');
      expect(pub.body.filing).toMatchObject({ filingNumber: 'VCP-2026-0002', status: 'valid' });
    });
  });
});
