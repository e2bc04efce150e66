/**
 * Step one of an applicant's sign-up (issue 9): the answer is the same whether the address has an account or not,
 * so sign-up no longer tells anyone which addresses are registered. A new address gets a mail with a confirmation
 * link (commands/confirmSignUp.ts makes the account); an address with an account gets a notice to its owner that
 * someone tried to register it, and nothing else changes. Both mails go through the outbox. The notice goes at most
 * once a day per address (table `signup_notices`, shared by every instance), so repeated sign-ups cannot flood an
 * owner's mailbox; the answer and the work done before it stay the same whether the notice goes or not.
 */
import { randomBytes } from 'node:crypto';
import { eq, lt, lte } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { sm3Hex } from '../crypto/sm3.js';
import type { Tx } from '../db/client.js';
import { signUpNotices, signUpRequests, users } from '../db/schema.js';
import { queueSignUpEmail } from '../services/outbox.js';
import { hashPassword } from '../services/passwords.js';

/** How long a confirmation link stays good. */
export const SIGN_UP_TTL_MS = 24 * 60 * 60 * 1000;
/** At most one "someone tried to sign up with your address" mail per address in this time. */
export const SIGN_UP_NOTICE_INTERVAL_MS = 24 * 60 * 60 * 1000;

export interface SignUpProps {
  email: string;
  password: string;
  displayName?: string | undefined;
}

export const signUpAad = (id: string) => `signup:${id}`;

export function confirmationLink(ctx: AppContext, token: string): string {
  // In the fragment: browsers send neither it nor a Referer with it to any server.
  return `${ctx.config.publicBaseUrl}/confirm-email#token=${token}`;
}

export async function requestSignUp(ctx: AppContext, props: SignUpProps): Promise<void> {
  const emailHash = ctx.cipher.blindIndex(props.email);
  // Hashed in both cases, so the time taken does not tell the two apart either.
  const passwordHash = await hashPassword(props.password);
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    await tx.delete(signUpRequests).where(lt(signUpRequests.expiresAt, now));
    const [account] = await tx.select({ id: users.id }).from(users).where(eq(users.emailHash, emailHash)).limit(1);
    if (account) {
      if (!(await claimNotice(tx, emailHash, now))) return;
      await queueSignUpEmail(
        tx,
        ctx.cipher,
        {
          to: props.email,
          subject: '【漏洞收集平台备案】有人尝试用您的邮箱注册 / Someone tried to sign up with your address',
          text: [
            '您好：',
            '',
            '有人刚刚尝试用本邮箱注册漏洞收集平台备案管理系统的账号。本邮箱已有账号，因此未作任何更改。',
            `如果是您本人，请直接登录：${ctx.config.publicBaseUrl}/login`,
            '如果不是您，无需处理；您的账号和密码未受影响。',
            '',
            'Someone just tried to sign up with this address. It already has an account, so nothing was changed.',
            `If it was you, sign in: ${ctx.config.publicBaseUrl}/login — if not, you need not do anything.`,
            '',
            '—— 漏洞收集平台备案管理系统（本邮件由系统自动发送）',
          ].join('\n'),
        },
        'account.signup_attempt',
      );
      return;
    }
    const id = crypto.randomUUID();
    const token = randomBytes(32).toString('base64url');
    await tx.insert(signUpRequests).values({
      id,
      tokenHash: sm3Hex(token),
      emailHash,
      emailEnc: ctx.cipher.sealText(props.email, signUpAad(id)),
      displayName: props.displayName ?? null,
      passwordHash,
      createdAt: now,
      expiresAt: new Date(now.getTime() + SIGN_UP_TTL_MS),
    });
    const link = confirmationLink(ctx, token);
    await queueSignUpEmail(
      tx,
      ctx.cipher,
      {
        to: props.email,
        subject: '【漏洞收集平台备案】请确认您的邮箱 / Confirm your email address',
        text: [
          '您好：',
          '',
          '请打开以下链接确认邮箱，完成漏洞收集平台备案管理系统的账号注册（24 小时内有效）：',
          link,
          '如果您没有注册，请忽略本邮件，不会创建任何账号。',
          '',
          'Open this link within 24 hours to confirm your address and finish signing up:',
          link,
          'If you did not sign up, ignore this mail: no account will be made.',
          '',
          '—— 漏洞收集平台备案管理系统（本邮件由系统自动发送）',
        ].join('\n'),
      },
      'account.signup_confirm',
    );
  });
}

/**
 * True when no notice went to this address within SIGN_UP_NOTICE_INTERVAL_MS, and records this one. One statement:
 * two instances answering at once for the same address cannot both claim it (the second waits for the first's row
 * and then finds it recent).
 */
async function claimNotice(tx: Tx, emailHash: string, now: Date): Promise<boolean> {
  const since = new Date(now.getTime() - SIGN_UP_NOTICE_INTERVAL_MS);
  await tx.delete(signUpNotices).where(lt(signUpNotices.sentAt, since));
  const claimed = await tx
    .insert(signUpNotices)
    .values({ emailHash, sentAt: now })
    .onConflictDoUpdate({
      target: signUpNotices.emailHash,
      set: { sentAt: now },
      setWhere: lte(signUpNotices.sentAt, since),
    })
    .returning({ emailHash: signUpNotices.emailHash });
  return claimed.length > 0;
}
