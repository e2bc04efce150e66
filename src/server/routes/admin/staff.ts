/**
 * Staff accounts (SPEC §1 admin): list with last sign-in, create (the TOTP enrolment and first password shown
 * once), change name, roles or state, reset the second factor, and give a new first password (shown once). The last
 * active admin stays (409).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  staffAccountResponse,
  staffCreateBody,
  staffCreatedResponse,
  staffListResponse,
  staffParams,
  staffPasswordResetResponse,
  staffUpdateBody,
  totpResetResponse,
} from '../../../shared/api/adminStaff.js';
import { createStaffAccount } from '../../commands/admin/createStaffAccount.js';
import { resetStaffPassword } from '../../commands/admin/resetStaffPassword.js';
import { resetStaffTotp } from '../../commands/admin/resetStaffTotp.js';
import { updateStaffAccount } from '../../commands/admin/updateStaffAccount.js';
import { notFound } from '../../lib/errors.js';
import { requireUser } from '../../plugins/auth.js';
import { authorizeAdmin } from '../../policies/admin.js';
import { listStaff, staffAccount } from '../../services/staffAccounts.js';

const tags = ['管理 Admin'];

export const staffRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;

  app.addHook('preValidation', async (req) => {
    authorizeAdmin(requireUser(req), 'staff');
  });

  app.get(
    '/staff',
    { schema: { tags, summary: '工作人员账号（角色、状态、最近登录）', response: { 200: staffListResponse } } },
    async (req) => ({ items: await listStaff(ctx, requireUser(req).id) }),
  );

  app.post(
    '/staff',
    {
      schema: {
        tags,
        summary: '新建工作人员账号（初始密码和动态口令二维码只显示这一次）',
        body: staffCreateBody,
        response: { 201: staffCreatedResponse },
      },
    },
    async (req, reply) => {
      const created = await createStaffAccount(ctx, { actor: requireUser(req), body: req.body });
      return reply.code(201).send(created);
    },
  );

  app.put(
    '/staff/:id',
    {
      schema: {
        tags,
        summary: '修改工作人员的称呼、角色或停用状态（停用即结束其会话；不能停用或降级最后一个管理员）',
        params: staffParams,
        body: staffUpdateBody,
        response: { 200: staffAccountResponse },
      },
    },
    async (req) => {
      const actor = requireUser(req);
      await updateStaffAccount(ctx, { actor, id: req.params.id, body: req.body });
      const account = await staffAccount(ctx, req.params.id, actor.id);
      if (!account) throw notFound('未找到该工作人员账号');
      return { account };
    },
  );

  app.post(
    '/staff/:id/reset-totp',
    {
      schema: {
        tags,
        summary: '重置动态口令（旧口令立即失效、会话结束；新二维码只显示这一次）',
        params: staffParams,
        response: { 200: totpResetResponse },
      },
    },
    async (req) => resetStaffTotp(ctx, { actor: requireUser(req), id: req.params.id }),
  );

  app.post(
    '/staff/:id/reset-password',
    {
      schema: {
        tags,
        summary: '重置工作人员密码（生成新的初始密码，只显示这一次；会话结束；动态口令不变；不能重置本人）',
        params: staffParams,
        response: { 200: staffPasswordResetResponse },
      },
    },
    async (req) => resetStaffPassword(ctx, { actor: requireUser(req), id: req.params.id }),
  );
};
