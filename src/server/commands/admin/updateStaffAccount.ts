/**
 * An admin changes a staff account's name, roles or state (SPEC §1 admin). Disabling ends its sessions at once (and
 * a disabled account cannot sign in: commands/login.ts). The last active admin cannot be disabled or lose the admin
 * role (409 `last_admin`): the admins' rows are locked first, in id order, so two admins demoting each other at the
 * same moment cannot both succeed.
 */
import { and, eq, sql } from 'drizzle-orm';
import { STAFF_ROLES, type StaffUpdate } from '../../../shared/api/adminStaff.js';
import { appendAudit } from '../../audit/auditLog.js';
import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/client.js';
import { sessions, users } from '../../db/schema.js';
import { conflict, notFound } from '../../lib/errors.js';
import type { SessionUser } from '../../services/sessions.js';
import { isStaffRow } from '../../services/staffAccounts.js';

const isActiveAdmin = (r: { roles: string[]; disabled: boolean }) => r.roles.includes('admin') && !r.disabled;

/** Locks every active admin's row (id order), then the account's; 404 when it is not a staff account. */
export async function lockStaffForChange(tx: Tx, id: string) {
  const admins = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(sql`'admin' = any(${users.roles})`, eq(users.disabled, false)))
    .orderBy(users.id)
    .for('update');
  const [row] = await tx
    .select()
    .from(users)
    .where(and(eq(users.id, id), isStaffRow))
    .for('update');
  if (!row) throw notFound('未找到该工作人员账号');
  return { row, activeAdmins: admins.length };
}

export async function endSessions(tx: Tx, userId: string): Promise<number> {
  const ended = await tx.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id });
  return ended.length;
}

export async function updateStaffAccount(
  ctx: AppContext,
  props: { actor: SessionUser; id: string; body: StaffUpdate },
): Promise<void> {
  const { body } = props;
  await ctx.db.transaction(async (tx) => {
    const { row, activeAdmins } = await lockStaffForChange(tx, props.id);
    // Roles outside the staff ones (an account that is also an applicant) are kept.
    const others = row.roles.filter((r) => !(STAFF_ROLES as readonly string[]).includes(r));
    const roles = body.roles ? [...others, ...STAFF_ROLES.filter((r) => body.roles?.includes(r))] : row.roles;
    const disabled = body.disabled ?? row.disabled;
    const displayName = body.displayName ?? row.displayName;
    if (isActiveAdmin(row) && !isActiveAdmin({ roles, disabled }) && activeAdmins <= 1) {
      throw conflict('last_admin', '这是最后一个可用的管理员账号，不能停用或取消其管理员角色');
    }
    const fields: string[] = [];
    if (displayName !== row.displayName) fields.push('displayName');
    const rolesChanged = roles.join(',') !== row.roles.join(',');
    if (rolesChanged) fields.push('roles');
    if (disabled !== row.disabled) fields.push('disabled');
    if (!fields.length) return;
    await tx.update(users).set({ roles, disabled, displayName }).where(eq(users.id, row.id));
    const sessionsEnded = disabled && !row.disabled ? await endSessions(tx, row.id) : 0;
    await appendAudit(tx, {
      action: 'account.staff_updated',
      actorId: props.actor.id,
      subjectType: 'account',
      subjectId: row.id,
      details: {
        fields,
        ...(rolesChanged ? { roles: { before: row.roles, after: roles } } : {}),
        ...(disabled !== row.disabled ? { disabled } : {}),
        sessionsEnded,
      },
    });
  });
}
