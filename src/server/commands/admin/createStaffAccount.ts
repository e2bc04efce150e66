/**
 * An admin creates a staff account from the console (SPEC §1 admin, §7: every staff account has TOTP). The
 * password is made here, strong and random, and shown once with the TOTP enrolment QR: the admin hands both over;
 * neither is stored in clear or shown again.
 */
import { randomInt } from 'node:crypto';
import type { StaffCreate, StaffCreated } from '../../../shared/api/adminStaff.js';
import type { AppContext } from '../../context.js';
import type { SessionUser } from '../../services/sessions.js';
import { enrolmentOf, staffAccount } from '../../services/staffAccounts.js';
import { createStaffUser } from '../createStaffUser.js';

// No 0/O, 1/l/I: read off a screen and typed in.
const LETTERS = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';

/** Four groups of four, at least one digit and one letter: about 95 bits. */
export function newInitialPassword(): string {
  const all = LETTERS + DIGITS;
  for (;;) {
    const chars = Array.from({ length: 16 }, () => all[randomInt(all.length)]).join('');
    if (/\d/.test(chars) && /[A-Za-z]/.test(chars)) return chars.match(/.{4}/g)?.join('-') ?? chars;
  }
}

export async function createStaffAccount(
  ctx: AppContext,
  props: { actor: SessionUser; body: StaffCreate },
): Promise<StaffCreated> {
  const initialPassword = newInitialPassword();
  const { user, secret } = await createStaffUser(ctx, {
    email: props.body.email,
    password: initialPassword,
    roles: props.body.roles,
    displayName: props.body.displayName,
    actorId: props.actor.id,
  });
  const account = await staffAccount(ctx, user.id, props.actor.id);
  if (!account) throw new Error('the account just created is missing');
  return { account, enrolment: await enrolmentOf(secret, props.body.email), initialPassword };
}
