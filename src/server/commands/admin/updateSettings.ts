/**
 * An admin changes settings (SPEC §1 admin: effective date of Art. 8/10, the filing number's form of SPEC §3, the
 * upload limit, the complaint channels and time limits of Art. 9, the monitor's schedule of SPEC §10). The body was
 * validated by the shared schemas (400 naming the field); here the changed keys are written and audited with their
 * before and after values in one transaction. Nothing changed: nothing written, no audit entry.
 */
import { eq, sql } from 'drizzle-orm';
import { flattenSettings, type SettingKey, type SettingsUpdate } from '../../../shared/api/adminSettings.js';
import { chinaToday } from '../../../shared/calendar/dates.js';
import { formatFilingNumber } from '../../../shared/filing/numberFormat.js';
import { appendAudit } from '../../audit/auditLog.js';
import { canonicalJson } from '../../audit/canonicalJson.js';
import type { AppContext } from '../../context.js';
import { queryRows, type Tx } from '../../db/client.js';
import { filings, settings } from '../../db/schema.js';
import { said, unprocessable } from '../../lib/errors.js';
import { dropPublicCaches } from '../../services/publicEvents.js';
import type { SessionUser } from '../../services/sessions.js';

export interface UpdateSettingsProps {
  actor: SessionUser;
  body: SettingsUpdate;
}

/** Returns the keys that changed. */
export async function updateSettings(ctx: AppContext, props: UpdateSettingsProps): Promise<SettingKey[]> {
  const wanted = flattenSettings(props.body);
  if (!wanted.length) return [];
  const changed = await ctx.db.transaction(async (tx) => {
    // One admin's save at a time: the before values in the audit entry are the ones replaced.
    await tx.execute(sql`select pg_advisory_xact_lock(${SETTINGS_LOCK_KEY})`);
    const changes: { key: SettingKey; before: unknown; after: unknown }[] = [];
    for (const [key, after] of wanted) {
      const before = await ctx.settings.get(key, tx);
      if (canonicalJson(before) === canonicalJson(after)) continue;
      changes.push({ key, before, after });
    }
    const format = changes.find((c) => c.key === 'filingNumber.format');
    if (format) await refuseReusedNumber(ctx, tx, format.after as string);
    for (const c of changes) {
      await tx
        .insert(settings)
        .values({ key: c.key, value: c.after })
        .onConflictDoUpdate({ target: settings.key, set: { value: c.after, updatedAt: ctx.now() } });
    }
    if (changes.length) {
      await appendAudit(tx, {
        action: 'settings.update',
        actorId: props.actor.id,
        subjectType: 'system',
        subjectId: 'settings',
        details: { changes },
      });
    }
    return changes.map((c) => c.key);
  });
  // The public pages show some settings (the complaint channels, the effective date) and are kept a while.
  if (changed.length) dropPublicCaches();
  return changed;
}

const SETTINGS_LOCK_KEY = 0x5643_5053; // "VCPS"

/** SPEC §3: a number is never reused. A new form whose next number was already issued would repeat one. */
async function refuseReusedNumber(ctx: AppContext, tx: Tx, format: string): Promise<void> {
  const year = Number(chinaToday(ctx.now()).slice(0, 4));
  const [row] = await queryRows<{ last: number }>(
    tx,
    sql`select last from filing_number_counters where year = ${year}`,
  );
  const next = formatFilingNumber(format, year, Number(row?.last ?? 0) + 1);
  const [taken] = await tx.select({ id: filings.id }).from(filings).where(eq(filings.filingNumber, next)).limit(1);
  if (taken) {
    throw unprocessable('编号格式会产生已使用过的备案编号', [said('filingNumber.format', 'api.numberTaken', { next })]);
  }
}
