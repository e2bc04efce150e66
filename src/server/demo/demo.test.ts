/**
 * SPEC §6 demo data: `vcp demo seed` fills a database with filings in every state whose rows are those the commands
 * write (the same plans replayed through the real commands give the same rows), personal data sealed, the audit
 * chain intact, numbers gapless in the configured format, and the approved ones listed by the public API.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../shared/calendar/index.js';
import { checkFiling } from '../../shared/filing/completeness.js';
import { filingDraftSchema } from '../../shared/filing/schema.js';
import { writeBlob } from '../attachments/blobStore.js';
import { verifyAuditChain } from '../audit/auditLog.js';
import { runCommand } from '../cli/commands.js';
import { approveChange } from '../commands/approveChange.js';
import { approveFiling } from '../commands/approveFiling.js';
import { attachmentAad, uploadAttachment } from '../commands/attachments.js';
import { cancelChange } from '../commands/cancelChange.js';
import { createStaffUser } from '../commands/createStaffUser.js';
import { deregisterFiling } from '../commands/deregisterFiling.js';
import { registerUser } from '../commands/registerUser.js';
import { requestChangeCorrection } from '../commands/requestChangeCorrection.js';
import { requestCorrection } from '../commands/requestCorrection.js';
import { assignReviewer } from '../commands/reviewWork.js';
import { revokeFiling } from '../commands/revokeFiling.js';
import { saveChange } from '../commands/saveChange.js';
import { createFiling, saveFiling } from '../commands/saveFiling.js';
import { startChange } from '../commands/startChange.js';
import { submitChange } from '../commands/submitChange.js';
import { submitFiling } from '../commands/submitFiling.js';
import { withdrawFiling } from '../commands/withdrawFiling.js';
import type { AppContext } from '../context.js';
import { sm3Hex } from '../crypto/sm3.js';
import { queryRows } from '../db/client.js';
import { attachments, filingChanges, filings, filingVersions, partners } from '../db/schema.js';
import { openChangeDraft, openDraft } from '../services/filingRecords.js';
import { openVersionDraft } from '../services/filingVersions.js';
import type { SessionUser } from '../services/sessions.js';
import { startTestServer, type TestServer } from '../test/harness.js';
import { changedForm, completeForm, identity, partialForm } from './forms.js';
import { type FilingPlan, OUTCOME_WEIGHTS, type Outcome, planFiling } from './plan.js';
import { Random } from './random.js';
import { applicantEmail, DEMO_STAFF_PASSWORD, seedDemo } from './seed.js';

const session = (u: { id: string; roles: string[]; emailEnc: string }): SessionUser => ({
  id: u.id,
  roles: u.roles,
  displayName: null,
  emailEnc: u.emailEnc,
  sessionId: 'test',
});

/** One plan of each outcome (and, among them, corrections and changes), from a fixed seed. */
function plansOfEveryOutcome(now: Date): FilingPlan[] {
  const want = new Set(Object.keys(OUTCOME_WEIGHTS) as Outcome[]);
  const plans: FilingPlan[] = [];
  for (let i = 0; want.size > 0 && i < 5000; i++) {
    const p = planFiling('replay', i, now);
    if (want.delete(p.outcome)) plans.push(p);
  }
  const withCorrection = Array.from({ length: 400 }, (_, i) => planFiling('replay', 5000 + i, now)).find(
    (p) => p.outcome === 'approved_changed' && p.steps.some((s) => s.kind === 'correction'),
  );
  if (withCorrection) plans.push(withCorrection);
  return plans;
}

/** Replays a plan through the real commands (as the API would call them), at the plan's times. */
async function replay(ctx: AppContext, plan: FilingPlan, who: Record<'owner' | 'reviewer' | 'admin', SessionUser>) {
  const r = new Random('replay-forms', plan.index);
  const ident = identity(r, plan.sponsorType);
  const submitAt = plan.steps.find((s) => s.kind === 'submit')?.at ?? plan.steps[0]?.at ?? new Date();
  let draft = filingDraftSchema.parse(
    plan.steps[0]?.kind === 'create' && plan.steps[0].partial
      ? partialForm(r, ident, chinaToday(submitAt))
      : completeForm(r, ident, chinaToday(submitAt)),
  );
  let filingId = '';
  let changeId = '';
  let changeDraft = draft;
  const items = [{ field: 'rules.publication', message: '请补充发布规则。' }];
  for (const step of plan.steps) {
    ctx.now = () => step.at;
    switch (step.kind) {
      case 'create':
        filingId = (await createFiling(ctx, { user: who.owner, draft })).id;
        break;
      case 'upload':
        await uploadAttachment(ctx, {
          user: who.owner,
          filingId,
          kind: step.attachment,
          fileName: `${step.attachment}.pdf`,
          blob: await writeBlob(
            ctx,
            [(await import('../attachments/fixtures.js')).samplePdf(step.attachment)],
            20 * 1024 * 1024,
          ),
        });
        break;
      case 'submit':
        await submitFiling(ctx, { user: who.owner, filingId });
        break;
      case 'claim':
        await assignReviewer(ctx, { user: who.reviewer, filingId });
        break;
      case 'correction':
        await requestCorrection(ctx, { user: who.reviewer, filingId, summary: '请补正', items });
        break;
      case 'save':
        draft = { ...draft, rules: { ...draft.rules, publication: `${draft.rules?.publication}（已补充）` } };
        await saveFiling(ctx, { user: who.owner, filingId, draft });
        break;
      case 'withdraw':
        await withdrawFiling(ctx, { user: who.owner, filingId });
        break;
      case 'approve':
        await approveFiling(ctx, { user: who.reviewer, filingId });
        break;
      case 'changeStart':
        changeId = (await startChange(ctx, { user: who.owner, filingId, changeDate: step.changeDate })).id;
        changeDraft = draft;
        break;
      case 'changeSave':
        changeDraft = filingDraftSchema.parse(changedForm(r, changeDraft).form);
        await saveChange(ctx, { user: who.owner, changeId, draft: changeDraft });
        break;
      case 'changeSubmit':
        await submitChange(ctx, { user: who.owner, changeId });
        break;
      case 'changeCorrection':
        await requestChangeCorrection(ctx, { user: who.reviewer, changeId, summary: '请补正', items });
        break;
      case 'changeApprove':
        await approveChange(ctx, { user: who.reviewer, changeId });
        draft = changeDraft;
        break;
      case 'changeCancel':
        await cancelChange(ctx, { user: who.owner, changeId });
        break;
      case 'deregister':
      case 'scheduleDeregistration':
        await deregisterFiling(ctx, {
          user: who.owner,
          filingId,
          terminationDate: step.terminationDate,
          reason: '停止运营',
        });
        break;
      case 'revoke':
        await revokeFiling(ctx, { user: who.admin, filingId, reason: '经核查属实' });
        break;
    }
  }
  return filingId;
}

/** What a filing's rows look like, without ids, times and texts: the shape the commands give it. */
async function signature(ctx: AppContext, filingId: string) {
  const [f] = await ctx.db.select().from(filings).where(eq(filings.id, filingId));
  if (!f) throw new Error('no filing');
  const changeIds = (
    await ctx.db.select({ id: filingChanges.id }).from(filingChanges).where(eq(filingChanges.filingId, filingId))
  ).map((c) => c.id);
  const q = <T>(query: ReturnType<typeof sql>) => queryRows<T>(ctx.db, query);
  const subjects = [filingId, ...changeIds];
  return {
    filing: {
      status: f.status,
      version: f.version,
      recordVersion: f.recordVersion,
      numbered: !!f.filingNumber,
      assigned: !!f.assignedReviewerId,
      due: !!f.dueDate,
      changed: !!f.lastChangeDate,
      deregistered: !!f.deregisteredAt,
      revoked: !!f.revokedAt,
      publicStatus: (f.publicRecord as { status?: string } | null)?.status ?? null,
    },
    audit: (
      await q<{ action: string }>(sql`select action from audit_log where subject_id in ${subjects} order by seq`)
    ).map((a) => a.action),
    attachments: (
      await q<{ k: string }>(
        sql`select kind || ':' || (change_id is null) || ':' || (sealed_id is null) as k from attachments where filing_id = ${filingId} order by 1`,
      )
    ).map((a) => a.k),
    versions: (
      await q<{ k: string }>(
        sql`select version || ':' || (change_id is null) as k from filing_versions where filing_id = ${filingId} order by version`,
      )
    ).map((v) => v.k),
    decisions: (
      await q<{ k: string }>(
        sql`select kind || ':' || (change_id is null) || ':' || overdue as k from review_decisions where filing_id = ${filingId} order by created_at, kind`,
      )
    ).map((d) => d.k),
    changes: (
      await q<{ k: string }>(
        sql`select status || ':' || late || ':' || revision as k from filing_changes where filing_id = ${filingId} order by created_at`,
      )
    ).map((c) => c.k),
    deregistrations: (
      await q<{ k: string }>(
        sql`select d.status || ':' || d.late || ':' || coalesce(j.status::text, '-') as k from deregistrations d left join scheduled_jobs j on j.id = d.job_id where d.filing_id = ${filingId}`,
      )
    ).map((d) => d.k),
    outbox: (
      await q<{ k: string }>(
        sql`select channel || ':' || recipient || ':' || event_type as k from outbox where filing_id = ${filingId} order by 1`,
      )
    ).map((o) => o.k),
    notifications: (
      await q<{ k: string }>(sql`select kind as k from notifications where filing_id = ${filingId} order by 1`)
    ).map((n) => n.k),
  };
}

describe('demo plans and forms', () => {
  it('are the same for the same seed and index, and differ for another seed', () => {
    const now = new Date('2026-12-03T00:00:00+08:00');
    const form = (seed: string, i: number) => {
      const r = new Random(seed, 'form', i);
      return completeForm(r, identity(r, 'enterprise'), '2026-06-01');
    };
    expect(planFiling('s', 7, now)).toEqual(planFiling('s', 7, now));
    expect(form('s', 7)).toEqual(form('s', 7));
    expect(form('s', 7)).not.toEqual(form('s2', 7));
    const plans = Array.from({ length: 200 }, (_, i) => planFiling('s', i, now));
    expect(plans.map((p) => p.outcome)).not.toEqual(
      Array.from({ length: 200 }, (_, i) => planFiling('s2', i, now).outcome),
    );
    for (const p of plans) for (const s of p.steps) expect(s.at.getTime()).toBeLessThan(now.getTime());
  });
});

describe('vcp demo seed', () => {
  let server: TestServer;
  let seeded: Awaited<ReturnType<typeof seedDemo>>;
  const N = 400;

  beforeAll(async () => {
    server = await startTestServer();
    seeded = await seedDemo(server.ctx, { filings: N, seed: 't1', batchSize: 150 });
  }, 120_000);
  afterAll(() => server?.close());

  it('writes filings in every state, changes and deregistrations in theirs, with an intact audit chain', async () => {
    const byStatus = await queryRows<{ status: string; n: number }>(
      server.ctx.db,
      sql`select status, count(*)::int as n from filings group by status`,
    );
    const counts = Object.fromEntries(byStatus.map((r) => [r.status, r.n]));
    expect(counts).toEqual(seeded.byStatus);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(N);
    for (const s of [
      'draft',
      'submitted',
      'correction_requested',
      'withdrawn',
      'approved',
      'deregistered',
      'revoked',
    ]) {
      expect(counts[s], s).toBeGreaterThan(0);
    }
    const changes = await queryRows<{ status: string }>(server.ctx.db, sql`select distinct status from filing_changes`);
    expect(changes.map((c) => c.status).sort()).toEqual([
      'approved',
      'cancelled',
      'correction_requested',
      'draft',
      'submitted',
    ]);
    const deregs = await queryRows<{ status: string }>(server.ctx.db, sql`select distinct status from deregistrations`);
    expect(deregs.map((d) => d.status).sort()).toEqual(['done', 'scheduled']);
    const individuals = await queryRows<{ n: number }>(
      server.ctx.db,
      sql`select count(*)::int as n from filings where data->'sponsor'->>'type' = 'individual'`,
    );
    expect(individuals[0]?.n).toBeGreaterThan(0);
    expect((await verifyAuditChain(server.ctx.db)).ok).toBe(true);
  });

  it('issues gapless numbers in the configured format, in order of approval within each year', async () => {
    const rows = await queryRows<{ n: string; y: string }>(
      server.ctx.db,
      sql`select filing_number as n, to_char(approved_at at time zone 'Asia/Shanghai', 'YYYY') as y from filings
          where filing_number is not null order by approved_at, filing_number`,
    );
    const byYear = new Map<string, string[]>();
    for (const r of rows) byYear.set(r.y, [...(byYear.get(r.y) ?? []), r.n]);
    for (const [year, numbers] of byYear) {
      expect(numbers).toEqual(numbers.map((_, i) => `工信漏备${year}${String(i + 1).padStart(5, '0')}号`));
    }
  });

  it('seals personal data: submitted forms open, pass checkFiling, and no ID number or phone is stored in clear', async () => {
    const submitted = await server.ctx.db.select().from(filings).where(eq(filings.status, 'submitted'));
    expect(submitted.length).toBeGreaterThan(0);
    for (const f of submitted) {
      const draft = openDraft(server.ctx.cipher, f);
      const kinds = (
        await server.ctx.db.select({ kind: attachments.kind }).from(attachments).where(eq(attachments.filingId, f.id))
      ).map((a) => a.kind);
      expect(checkFiling(draft, { attachmentKinds: kinds, today: chinaToday(f.submittedAt ?? new Date()) })).toEqual(
        [],
      );
      const clear = JSON.stringify(f.data);
      expect(clear).not.toContain(draft.sponsor?.idNumber ?? '-');
      expect(clear).not.toContain(draft.people?.principal?.mobile ?? '-');
    }
    for (const v of await server.ctx.db.select().from(filingVersions).limit(50))
      expect(openVersionDraft(server.ctx.cipher, v).platform?.name).toBeTruthy();
    for (const c of await server.ctx.db.select().from(filingChanges).limit(50))
      expect(openChangeDraft(server.ctx.cipher, c).sponsor?.idNumber).toBeTruthy();
    for (const a of await server.ctx.db.select().from(attachments).limit(50)) {
      // Demo files are written sealed whole, as files stored before chunking were (still read the same way).
      expect(a.content).not.toBeNull();
      expect(sm3Hex(server.ctx.cipher.openBytes(a.content as Buffer, attachmentAad(a.sealedId ?? a.id)))).toBe(a.sm3);
    }
  });

  it('lists what was approved in the public registry, and demo applicants and staff can sign in', async () => {
    const numbered = await queryRows<{ n: number }>(
      server.ctx.db,
      sql`select count(*)::int as n from filings where filing_number is not null`,
    );
    const client = server.client();
    const list = await client.get('/api/public/filings?pageSize=5');
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(numbered[0]?.n);
    const [first] = list.body.items;
    const one = await client.get(`/api/public/filings/${encodeURIComponent(first.filingNumber)}`);
    expect(one.status).toBe(200);
    expect(JSON.stringify(one.body)).not.toMatch(/\d{17}[\dX]/);
    const login = await client.post('/api/auth/login', {
      email: applicantEmail('t1', 1),
      password: 'demo-applicant-2026',
    });
    expect(login.status).toBe(200);
    const mine = await client.get('/api/filings');
    expect(mine.status).toBe(200);
    expect(mine.body.items.length).toBeGreaterThan(0);
    const staff = seeded.staff[0] as { email: string; secret: string };
    const { totpNow } = await import('../services/totp.js');
    const staffLogin = await server.client().post('/api/auth/login', {
      email: staff.email,
      password: DEMO_STAFF_PASSWORD,
      totp: totpNow(staff.secret, new Date()),
    });
    expect(staffLogin.status).toBe(200);
  });

  it('refuses to seed the same seed twice, or while a partner agency has a push endpoint', async () => {
    const out: string[] = [];
    expect(await runCommand(server.ctx, ['demo', 'seed', '--filings', '2', '--seed', 't1'], (l) => out.push(l))).toBe(
      1,
    );
    expect(out.join('\n')).toContain('seed t1');
    await server.ctx.db
      .update(partners)
      .set({ webhookUrl: 'https://partner.example/hook' })
      .where(eq(partners.id, 'mps'));
    out.length = 0;
    expect(await runCommand(server.ctx, ['demo', 'seed', '--filings', '2', '--seed', 't2'], (l) => out.push(l))).toBe(
      1,
    );
    expect(out.join('\n')).toContain('mps');
    await server.ctx.db.update(partners).set({ webhookUrl: null }).where(eq(partners.id, 'mps'));
    expect(await runCommand(server.ctx, ['demo', 'seed', '--filings', 'many'], (l) => out.push(l))).toBe(2);
  });

  it('writes the rows the commands write: each journey replayed through the commands has the same shape', async () => {
    const ctx = server.ctx;
    const realNow = ctx.now;
    const now = new Date();
    const plans = plansOfEveryOutcome(now);
    expect(plans.length).toBeGreaterThanOrEqual(Object.keys(OUTCOME_WEIGHTS).length);
    const owner = session(await registerUser(ctx, { email: 'replay-owner@example.cn', password: 'replay-password-1' }));
    const reviewer = session(
      (
        await createStaffUser(ctx, {
          email: 'replay-rev@example.gov.cn',
          password: 'replay-password-1',
          roles: ['reviewer'],
        })
      ).user,
    );
    const admin = session(
      (
        await createStaffUser(ctx, {
          email: 'replay-admin@example.gov.cn',
          password: 'replay-password-1',
          roles: ['admin'],
        })
      ).user,
    );
    const replayed: string[] = [];
    try {
      for (const plan of plans) replayed.push(await replay(ctx, plan, { owner, reviewer, admin }));
    } finally {
      ctx.now = realNow;
    }
    const before = new Set((await ctx.db.select({ id: filings.id }).from(filings)).map((f) => f.id));
    await seedDemo(ctx, { filings: plans.length, seed: 'replay', plans });
    const fresh = (await ctx.db.select({ id: filings.id, createdAt: filings.createdAt }).from(filings)).filter(
      (f) => !before.has(f.id),
    );
    const seededIds = plans.map((p) => {
      const first = p.steps[0]?.at.getTime();
      const match = fresh.find((f) => f.createdAt.getTime() === first);
      if (!match) throw new Error(`no seeded filing for plan ${p.index}`);
      return match.id;
    });
    for (let i = 0; i < plans.length; i++) {
      const plan = plans[i] as FilingPlan;
      expect(await signature(ctx, seededIds[i] as string), `${plan.outcome} (plan ${plan.index})`).toEqual(
        await signature(ctx, replayed[i] as string),
      );
    }
    expect((await verifyAuditChain(ctx.db)).ok).toBe(true);
  }, 120_000);
});
