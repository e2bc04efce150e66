/**
 * Running one homepage check for a filing and keeping it (SPEC §10, Article 5): the check and security.txt, the row
 * in `homepage_checks`, the filing's run of misses in `homepage_monitor`. The third consecutive `missing` flags the
 * filing for staff and tells the applicant (in-app and email, with the footer snippet), in the same transaction.
 * `unreachable` and `manual_review` neither count as a miss nor end the run: they prove nothing about the page.
 */
import { gzipSync } from 'node:zlib';
import { eq, sql } from 'drizzle-orm';
import { footerSnippet, publicFilingUrl } from '../../shared/filing/publicRecord.js';
import { notices } from '../../shared/notices.js';
import { appendAudit } from '../audit/auditLog.js';
import { addEvent } from '../commands/complaints/records.js';
import type { AppContext } from '../context.js';
import type { Tx } from '../db/client.js';
import { complaints, homepageBodies, homepageChecks, homepageMonitor } from '../db/schema.js';
import { conflict } from '../lib/errors.js';
import { tellApplicant } from '../services/applicantNotices.js';
import { type FilingRow, loadFiling, openDraft } from '../services/filingRecords.js';
import { checkHomepage } from './checkHomepage.js';
import { monitorRuntime } from './runtime.js';
import { checkSecurityTxt } from './securityTxt.js';

export const MISSES_TO_FLAG = 3;

export type HomepageCheckRow = typeof homepageChecks.$inferSelect;

export interface RunCheckProps {
  filingId: string;
  trigger: HomepageCheckRow['trigger'];
  requestedBy?: string | null;
  /** The `number_not_shown` complaint the check is run for: linked, and a step on its timeline. */
  complaintId?: string | null;
}

export function homepageOf(ctx: AppContext, filing: FilingRow): string | null {
  const record = filing.publicRecord as { homepageUrl?: string } | null;
  if (record?.homepageUrl) return record.homepageUrl;
  return openDraft(ctx.cipher, filing).platform?.homepageUrl ?? null;
}

export async function runHomepageCheck(ctx: AppContext, props: RunCheckProps): Promise<HomepageCheckRow> {
  const filing = await loadFiling(ctx.db, props.filingId);
  const homepageUrl = homepageOf(ctx, filing);
  if (filing.status !== 'approved' || !filing.filingNumber || !homepageUrl) {
    throw conflict('not_monitored', '只检查已备案（有效）且填写了首页网址的备案');
  }
  const rt = monitorRuntime(ctx);
  const hostDelayMs = await ctx.settings.get('monitor.hostDelayMs');
  const opts = { allowPrivate: ctx.config.monitorAllowPrivate, dispatcher: rt.agent, pacer: rt.pacer, hostDelayMs };
  const [check, securityTxt] = await Promise.all([
    checkHomepage(homepageUrl, filing.filingNumber, { ...opts, renderer: rt.renderer, now: () => ctx.now() }),
    checkSecurityTxt(homepageUrl, ctx.now(), { ...opts, checkTimeoutMs: 10_000 }),
  ]);
  const checkedAt = new Date(check.evidence.checkedAt);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(homepageChecks)
      .values({
        filingId: filing.id,
        checkedAt,
        trigger: props.trigger,
        requestedBy: props.requestedBy ?? null,
        complaintId: props.complaintId ?? null,
        filingNumber: filing.filingNumber as string,
        homepageUrl,
        result: check.result,
        reason: check.reason,
        finalUrl: check.evidence.finalUrl,
        httpStatus: check.evidence.httpStatus,
        evidence: check.evidence,
        securityTxt,
        screenshot: check.screenshot ?? null,
      })
      .returning();
    const saved = row as HomepageCheckRow;
    if (check.body && check.evidence.sm3) {
      await tx
        .insert(homepageBodies)
        .values({ sm3: check.evidence.sm3, gz: gzipSync(check.body), bytes: check.body.length, firstSeenAt: checkedAt })
        .onConflictDoNothing();
    }
    if (props.complaintId) await linkToComplaint(tx, props.complaintId, saved);
    const missed = check.result === 'missing' ? 1 : 0;
    const reset = check.result === 'compliant';
    const [state] = await tx
      .insert(homepageMonitor)
      .values({ filingId: filing.id, lastCheckedAt: checkedAt, lastResult: check.result, consecutiveMisses: missed })
      .onConflictDoUpdate({
        target: homepageMonitor.filingId,
        set: {
          lastCheckedAt: checkedAt,
          lastResult: check.result,
          consecutiveMisses: reset ? 0 : sql`${homepageMonitor.consecutiveMisses} + ${missed}`,
          flaggedAt: reset ? null : sql`${homepageMonitor.flaggedAt}`,
        },
      })
      .returning();
    if (state && !state.flaggedAt && state.consecutiveMisses >= MISSES_TO_FLAG) {
      await tx.update(homepageMonitor).set({ flaggedAt: checkedAt }).where(eq(homepageMonitor.filingId, filing.id));
      await appendAudit(tx, {
        action: 'filing.homepage_flagged',
        actorId: null,
        subjectType: 'filing',
        subjectId: filing.id,
        details: { checkId: saved.id, misses: state.consecutiveMisses },
      });
      const number = filing.filingNumber as string;
      const snippet = footerSnippet(publicFilingUrl(ctx.config.publicBaseUrl, number), number);
      await tellApplicant(ctx, tx, filing, {
        kind: 'homepage_number_missing',
        message: notices.homepageNumberMissing({
          misses: state.consecutiveMisses,
          checkedAt: checkedAt.toISOString(),
          url: homepageUrl,
          number,
          snippet,
        }),
      });
    }
    return saved;
  });
}

/** A check run for a `number_not_shown` complaint: a step on the complaint's timeline (staff only) naming it. */
async function linkToComplaint(tx: Tx, complaintId: string, check: HomepageCheckRow): Promise<void> {
  const [complaint] = await tx
    .select({ status: complaints.status })
    .from(complaints)
    .where(eq(complaints.id, complaintId));
  if (!complaint) return;
  await addEvent(tx, {
    complaintId,
    at: check.checkedAt,
    action: 'homepage_check',
    status: complaint.status,
    actorId: check.requestedBy,
    details: { checkId: check.id, result: check.result, reason: check.reason, filingId: check.filingId },
  });
}
