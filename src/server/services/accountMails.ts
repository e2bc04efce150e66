/**
 * The mails about an account's password (修改密码, 忘记密码): the reset link, and the notice to the owner that the
 * password was changed or reset. Chinese first, English under it, as the sign-up mails (commands/requestSignUp.ts).
 * They never carry a password; they go through the outbox to the account's address, looked up when sent.
 */
import type { AppContext } from '../context.js';
import type { Tx } from '../db/client.js';
import { queueUserEmail } from './outbox.js';

const SIGNATURE = '—— 漏洞收集平台备案管理系统（本邮件由系统自动发送）';

/** The page the reset mail links to; the token sits in the fragment, which browsers never send to a server. */
export function resetLink(ctx: AppContext, token: string): string {
  return `${ctx.config.publicBaseUrl}/reset-password#token=${token}`;
}

export async function queueResetLinkMail(
  ctx: AppContext,
  tx: Tx,
  props: { userId: string; token: string; staff: boolean },
) {
  const link = resetLink(ctx, props.token);
  const staffZh = props.staff ? ['工作人员账号重置的只是密码：登录时仍须输入身份验证器中的动态口令。'] : [];
  const staffEn = props.staff
    ? ['Staff accounts: this resets the password only; signing in still asks for the one-time code.']
    : [];
  await queueUserEmail(
    tx,
    ctx.cipher,
    {
      userId: props.userId,
      subject: '【漏洞收集平台备案】重置密码 / Reset your password',
      text: [
        '您好：',
        '',
        '有人（可能是您本人）请求重置您在漏洞收集平台备案管理系统的账号密码。请在 1 小时内打开以下链接设置新密码：',
        link,
        '链接只能使用一次。设置新密码后，该账号在所有设备上的登录都会退出。',
        ...staffZh,
        '如果不是您本人操作，请忽略本邮件，您的密码不会改变。',
        '',
        'Someone (probably you) asked to reset the password of your account. Open this link within 1 hour to set a new one:',
        link,
        'The link works once. Setting a new password signs the account out everywhere.',
        ...staffEn,
        'If it was not you, ignore this mail: your password stays as it is.',
        '',
        SIGNATURE,
      ].join('\n'),
    },
    'account.password_reset_link',
  );
}

export type PasswordNotice = 'changed' | 'reset' | 'reset_by_admin';

const NOTICE: Record<PasswordNotice, { zh: string; en: string }> = {
  changed: { zh: '您的账号密码已修改', en: 'The password of your account was changed' },
  reset: { zh: '您的账号密码已通过邮件链接重置', en: 'The password of your account was reset through the mailed link' },
  reset_by_admin: {
    zh: '管理员已为您的账号重新设置了初始密码',
    en: 'An administrator gave your account a new first password',
  },
};

/** Tells the owner that the password changed (when, not what), and what to do if it was not them. */
export async function queuePasswordNotice(ctx: AppContext, tx: Tx, props: { userId: string; kind: PasswordNotice }) {
  const at = new Date(ctx.now().getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
  const n = NOTICE[props.kind];
  await queueUserEmail(
    tx,
    ctx.cipher,
    {
      userId: props.userId,
      subject: `【漏洞收集平台备案】${n.zh} / ${n.en}`,
      text: [
        '您好：',
        '',
        `${n.zh}（北京时间 ${at}）。`,
        props.kind === 'changed' ? '该账号在其他设备上的登录已退出。' : '该账号在所有设备上的登录已退出。',
        `如果不是您本人或您所知的操作，请立即通过“忘记密码”重置密码并联系管理员：${ctx.config.publicBaseUrl}/forgot-password`,
        '',
        `${n.en} (${at} China time). ${
          props.kind === 'changed' ? 'Its other sessions were signed out.' : 'It was signed out everywhere.'
        }`,
        `If you did not expect this, reset your password at once ("Forgot password") and tell an administrator: ${ctx.config.publicBaseUrl}/forgot-password`,
        '',
        SIGNATURE,
      ].join('\n'),
    },
    `account.password_${props.kind}`,
  );
}
