/** Texts of the two-step sign-up (issue 9): the mail was sent, and the page the mailed link opens. */
import { defineCatalog } from '../index.js';

export const signUpCatalog = defineCatalog(
  'signUp',
  {
    sentTitle: '请查收确认邮件',
    sentText: '我们已向 {{email}} 发送了一封确认邮件。请在 24 小时内打开邮件中的链接完成注册。',
    sentHint: '没有收到？请检查垃圾邮件箱，或稍后重新注册。如果该邮箱已有账号，请直接登录。',
    confirmTitle: '确认邮箱',
    confirming: '正在确认…',
    confirmFailed: '确认链接无效、已过期或已使用。',
    noToken: '链接不完整，请从确认邮件中重新打开。',
    tryAgain: '重新注册',
  },
  {
    sentTitle: 'Check your mailbox',
    sentText: 'We sent a confirmation mail to {{email}}. Open the link in it within 24 hours to finish signing up.',
    sentHint:
      'Nothing arrived? Look in your spam folder, or sign up again later. If the address has an account, sign in.',
    confirmTitle: 'Confirm your address',
    confirming: 'Confirming…',
    confirmFailed: 'This confirmation link is invalid, expired or already used.',
    noToken: 'The link is incomplete: open it again from the confirmation mail.',
    tryAgain: 'Sign up again',
  },
);
