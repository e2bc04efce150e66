/** Accounts: register, login, logout and me (SPEC §5). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { appendAudit } from '../../audit/auditLog.js';
import { login } from '../../commands/login.js';
import { registerUser } from '../../commands/registerUser.js';
import { clearSessionCookie, requireUser, setSessionCookie } from '../../plugins/auth.js';
import { presentMe } from '../../presenters/user.js';
import { createSession, deleteSession } from '../../services/sessions.js';
import { loginBody, meResponse, registerBody } from './schema.js';

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  const tags = ['账号 Accounts'];

  app.post(
    '/register',
    {
      schema: { tags, summary: '注册申请人账号', body: registerBody, response: { 201: meResponse } },
      config: { rateLimit: { max: ctx.config.rateLimits.register, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const { name, displayName, ...rest } = req.body;
      const user = await registerUser(ctx, { ...rest, displayName: displayName ?? name });
      const session = await createSession(ctx.db, user.id, ctx.now());
      setSessionCookie(reply, ctx, session.token, session.expiresAt);
      return reply.code(201).send({ user: presentMe(user, ctx.cipher) });
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
