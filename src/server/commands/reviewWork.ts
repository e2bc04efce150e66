/** Reviewers' work on a filing before the decision: claiming, assigning, the authenticity checklist, revealing. */
import { eq } from 'drizzle-orm';
import type { CheckResult, CheckSection } from '../../shared/filing/review.js';
import { appendAudit } from '../audit/auditLog.js';
import type { AppContext } from '../context.js';
import { filings, reviewChecks, users } from '../db/schema.js';
import { badRequest, said } from '../lib/errors.js';
import { authorizeReview, conflictOfInterest } from '../policies/review.js';
import { loadFiling, openDraft } from '../services/filingRecords.js';
import type { SessionUser } from '../services/sessions.js';

export { CHECK_RESULTS, CHECK_SECTIONS, type CheckSection } from '../../shared/filing/review.js';

export async function assignReviewer(
  ctx: AppContext,
  props: { user: SessionUser; filingId: string; reviewerId?: string | undefined },
) {
  const action = props.reviewerId && props.reviewerId !== props.user.id ? 'assign' : 'claim';
  const reviewerId = props.reviewerId ?? props.user.id;
  return ctx.db.transaction(async (tx) => {
    const row = await loadFiling(tx, props.filingId, { forUpdate: true });
    authorizeReview(props.user, action, row);
    const [reviewer] = await tx.select({ roles: users.roles }).from(users).where(eq(users.id, reviewerId));
    if (reviewerId === row.ownerId) throw conflictOfInterest();
    if (!reviewer || !(reviewer.roles.includes('reviewer') || reviewer.roles.includes('admin'))) {
      throw badRequest('reviewerId：该账号不是审核人员', [said('reviewerId', 'api.notReviewer')]);
    }
    await tx.update(filings).set({ assignedReviewerId: reviewerId }).where(eq(filings.id, row.id));
    await appendAudit(tx, {
      action: action === 'claim' ? 'filing.claim' : 'filing.assign',
      actorId: props.user.id,
      subjectType: 'filing',
      subjectId: row.id,
      details: { reviewerId },
    });
  });
}

export async function recordCheck(
  ctx: AppContext,
  props: {
    user: SessionUser;
    filingId: string;
    section: CheckSection;
    result: CheckResult;
    note?: string | undefined;
  },
) {
  await ctx.db.transaction(async (tx) => {
    const row = await loadFiling(tx, props.filingId, { forUpdate: true });
    authorizeReview(props.user, 'check', row);
    const values = { result: props.result, note: props.note ?? null, checkedBy: props.user.id, checkedAt: ctx.now() };
    await tx
      .insert(reviewChecks)
      .values({ filingId: row.id, section: props.section, ...values })
      .onConflictDoUpdate({ target: [reviewChecks.filingId, reviewChecks.section], set: values });
    await appendAudit(tx, {
      action: 'filing.check',
      actorId: props.user.id,
      subjectType: 'filing',
      subjectId: row.id,
      details: { section: props.section, result: props.result },
    });
  });
}

/** Unmasked personal data for one filing, with the reason written to the audit log first. */
export async function revealPersonal(ctx: AppContext, props: { user: SessionUser; filingId: string; reason: string }) {
  return ctx.db.transaction(async (tx) => {
    const row = await loadFiling(tx, props.filingId);
    authorizeReview(props.user, 'reveal', row);
    await appendAudit(tx, {
      action: 'filing.reveal',
      actorId: props.user.id,
      subjectType: 'filing',
      subjectId: row.id,
      details: { reason: props.reason },
    });
    const d = openDraft(ctx.cipher, row);
    return { sponsor: { name: d.sponsor?.name, idNumber: d.sponsor?.idNumber }, people: d.people ?? {} };
  });
}
