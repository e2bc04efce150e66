/**
 * Staff accounts as the admin console shows them (SPEC §1 admin): the accounts holding a staff role, their roles,
 * state and second factor, and the last sign-in (from the audit log's `account.login` entries, so nothing new is
 * written at sign-in). The email is the account's login name, shown to admins only.
 */
import { and, eq, inArray, max, sql } from 'drizzle-orm';
import QRCode from 'qrcode';
import { STAFF_ROLES, type StaffAccount } from '../../shared/api/adminStaff.js';
import type { AppContext } from '../context.js';
import type { Executor } from '../db/client.js';
import { auditLog, users } from '../db/schema.js';
import { totpUri } from './totp.js';

type UserRow = typeof users.$inferSelect;

/** The database test "holds a staff role", written once. */
export const isStaffRow = sql`${users.roles} && array[${sql.join(
  STAFF_ROLES.map((r) => sql`${r}`),
  sql`, `,
)}]::text[]`;

export async function lastSignIns(db: Executor, ids: string[]): Promise<Map<string, Date>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: auditLog.subjectId, at: max(auditLog.at) })
    .from(auditLog)
    .where(
      and(eq(auditLog.subjectType, 'account'), inArray(auditLog.subjectId, ids), eq(auditLog.action, 'account.login')),
    )
    .groupBy(auditLog.subjectId);
  return new Map(rows.flatMap((r) => (r.id && r.at ? [[r.id, r.at] as const] : [])));
}

export function presentStaff(
  ctx: AppContext,
  row: UserRow,
  lastSignIn: Date | undefined,
  selfId: string,
): StaffAccount {
  return {
    id: row.id,
    email: ctx.cipher.openText(row.emailEnc, `user:${row.id}`),
    displayName: row.displayName,
    roles: row.roles,
    disabled: row.disabled,
    hasTotp: !!row.totpSecretEnc,
    createdAt: row.createdAt.toISOString(),
    lastSignInAt: lastSignIn?.toISOString() ?? null,
    self: row.id === selfId,
  };
}

export async function listStaff(ctx: AppContext, selfId: string): Promise<StaffAccount[]> {
  const rows = await ctx.db.select().from(users).where(isStaffRow).orderBy(users.createdAt, users.id);
  const last = await lastSignIns(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => presentStaff(ctx, r, last.get(r.id), selfId));
}

export async function staffAccount(ctx: AppContext, id: string, selfId: string): Promise<StaffAccount | null> {
  const [row] = await ctx.db
    .select()
    .from(users)
    .where(and(eq(users.id, id), isStaffRow));
  if (!row) return null;
  const last = await lastSignIns(ctx.db, [id]);
  return presentStaff(ctx, row, last.get(id), selfId);
}

/** What an authenticator app scans: the otpauth URI as a QR code (PNG data URL; the CSP allows data: images). */
export async function enrolmentOf(secret: string, email: string) {
  const uri = totpUri(secret, email);
  const qrDataUrl = await QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 2, width: 240 });
  return { secret, uri, qrDataUrl };
}
