/** Accounts: register and confirm the address, login, logout and me (SPEC §5). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { appendAudit } from '../../audit/auditLog.js';
import { confirmSignUp } from '../../commands/confirmSignUp.js';
import { login } from '../../commands/login.js';
import { requestSignUp } from '../../commands/requestSignUp.js';
import { clearSessionCookie, requireUser, setSessionCookie } from '../../plugins/auth.js';
import { presentMe } from '../../presenters/user.js';
import { createSession, deleteSession } from '../../services/sessions.js';
import { confirmEmailBody, loginBody, meResponse, registerBody, registerResponse } from './schema.js';

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  const tags = ['账号 Accounts'];

  app.post(
    '/register',
    {
      schema: {
        tags,
        summary: '注册申请人账号（第一步）：向该邮箱发送确认链接；邮箱已注册时同样答复，并通知账号所有人',
        body: registerBody,
        response: { 202: registerResponse },
      },
      config: { rateLimit: { max: ctx.config.rateLimits.register, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const { name, displayName, ...rest } = req.body;
      await requestSignUp(ctx, { ...rest, displayName: displayName ?? name });
      return reply.code(202).send({ status: 'confirmation_sent' as const });
    },
  );

  app.post(
    '/confirm-email',
    {
      schema: {
        tags,
        summary: '注册第二步：以邮件中的确认链接令牌创建账号并登录',
        body: confirmEmailBody,
        response: { 200: meResponse },
      },
      config: { rateLimit: { max: ctx.config.rateLimits.register, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const user = await confirmSignUp(ctx, req.body.token);
      const session = await createSession(ctx.db, user.id, ctx.now());
      setSessionCookie(reply, ctx, session.token, session.expiresAt);
      return { user: presentMe(user, ctx.cipher) };
    },
  );

  app.post(
    '/login',
    {
      schema: { tags, summary: '登录（工作人员须提供动态口令 totp）', body: loginBody, response: { 200: meResponse } },
      config: { rateLimit: { max: ctx.config.rateLimits.login, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const { user, session } = await login(ctx, req.body);
      setSessionCookie(reply, ctx, session.token, session.expiresAt);
      return { user: presentMe(user, ctx.cipher) };
    },
  );

  app.post('/logout', { schema: { tags, summary: '退出登录' } }, async (req, reply) => {
    const user = req.user;
    if (user) {
      await ctx.db.transaction(async (tx) => {
        await deleteSession(tx, user.sessionId);
        await appendAudit(tx, {
          action: 'account.logout',
          actorId: user.id,
          subjectType: 'account',
          subjectId: user.id,
          details: {},
        });
      });
    }
    clearSessionCookie(reply, ctx);
    return reply.code(204).send();
  });

  app.get('/me', { schema: { tags, summary: '当前用户', response: { 200: meResponse } } }, async (req) => {
    return { user: presentMe(requireUser(req), ctx.cipher) };
  });
};
