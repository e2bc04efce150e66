/**
 * Passwords (SPEC §7): change one's own while signed in (修改密码), and a forgotten one by a mailed link (忘记密码).
 * Asking for the link answers 202 alike for every address; the link's page sets the new password and signs nobody in.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { changePassword } from '../../commands/changePassword.js';
import { requestPasswordReset } from '../../commands/requestPasswordReset.js';
import { resetPassword } from '../../commands/resetPassword.js';
import { requireUser } from '../../plugins/auth.js';
import {
  changePasswordBody,
  changePasswordResponse,
  forgotPasswordBody,
  forgotPasswordResponse,
  resetPasswordBody,
  resetPasswordResponse,
} from './schema.js';

export const passwordRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  const tags = ['账号 Accounts'];
  // The account mails share sign-up's limit per client address; the per-address mail limit is the command's.
  const rateLimit = { max: ctx.config.rateLimits.register, timeWindow: '1 minute' };

  app.post(
    '/password',
    {
      schema: {
        tags,
        summary: '修改本人密码（须提供当前密码；输错计入登录失败次数；其他会话随之退出，本会话保留）',
        body: changePasswordBody,
        response: { 200: changePasswordResponse },
      },
      config: { rateLimit: { max: ctx.config.rateLimits.login, timeWindow: '1 minute' } },
      // Signed in first: an anonymous caller is told so (401) whatever it sent.
      preValidation: async (req) => {
        requireUser(req);
      },
    },
    async (req) => {
      const { sessionsEnded } = await changePassword(ctx, { actor: requireUser(req), ...req.body });
      return { status: 'password_changed' as const, sessionsEnded };
    },
  );

  app.post(
    '/forgot-password',
    {
      schema: {
        tags,
        summary: '忘记密码：向该邮箱发送 1 小时内有效的重置链接；无论邮箱是否注册，答复相同',
        body: forgotPasswordBody,
        response: { 202: forgotPasswordResponse },
      },
      config: { rateLimit },
    },
    async (req, reply) => {
      await requestPasswordReset(ctx, req.body.email);
      return reply.code(202).send({ status: 'reset_link_sent_if_registered' as const });
    },
  );

  app.post(
    '/reset-password',
    {
      schema: {
        tags,
        summary: '以邮件中的重置链接令牌设置新密码（结束该账号全部会话；工作人员仍须动态口令登录）',
        body: resetPasswordBody,
        response: { 200: resetPasswordResponse },
      },
      config: { rateLimit },
    },
    async (req) => {
      const { totpRequired } = await resetPassword(ctx, req.body);
      return { status: 'password_reset' as const, totpRequired };
    },
  );
};
