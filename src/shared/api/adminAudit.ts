/**
 * The audit viewer (SPEC §7: an append-only log chained with SM3): filters by who, what, subject and time, paged
 * newest first by a cursor (`before`: the last seq seen), the chain's state from the verifier, and a CSV export.
 */
import { z } from 'zod';
import { isoDate } from './common.js';

const blankIsAbsent = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema);

import { AUDIT_SUBJECT_TYPES } from './auditSubjects.js';

export { AUDIT_SUBJECT_TYPES } from './auditSubjects.js';

export const auditFilterQuery = z.strictObject({
  actorId: blankIsAbsent(z.uuid('操作人编号格式不正确').optional()),
  /** An action (`filing.approve`) or every action of a kind (`filing.`). */
  action: blankIsAbsent(
    z
      .string()
      .max(60, '操作名称过长')
      .regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]*)?$/, '操作名称格式不正确，如 filing.approve 或 filing.')
      .optional(),
  ),
  subjectType: blankIsAbsent(z.enum(AUDIT_SUBJECT_TYPES, { message: '对象类型不正确' }).optional()),
  subjectId: blankIsAbsent(z.string().trim().min(1).max(100, '对象编号过长').optional()),
  /** China dates, both inclusive. */
  from: blankIsAbsent(isoDate.optional()),
  to: blankIsAbsent(isoDate.optional()),
});
export type AuditFilter = z.infer<typeof auditFilterQuery>;

export const auditListQuery = auditFilterQuery.extend({
  before: blankIsAbsent(
    z.coerce
      .number({ message: 'before 应为整数' })
      .int('before 应为整数')
      .min(1)
      .max(Number.MAX_SAFE_INTEGER)
      .optional(),
  ),
  pageSize: blankIsAbsent(
    z.coerce
      .number({ message: '每页条数应为整数' })
      .int('每页条数应为整数')
      .min(1, '每页条数至少为 1')
      .max(200, '每页条数不能超过 200')
      .optional(),
  ),
});
export type AuditListQuery = z.infer<typeof auditListQuery>;

export const auditEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z
    .object({ id: z.string(), name: z.string().describe('称呼，或掩码后的邮箱'), roles: z.array(z.string()) })
    .nullable()
    .describe('null：系统或匿名'),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string().nullable(),
  details: z.unknown(),
  hash: z.string(),
});
export type AuditEntryView = z.infer<typeof auditEntrySchema>;

export const auditListResponse = z.object({
  items: z.array(auditEntrySchema),
  /** Pass as `before` for the next (older) page; null: this is the last. */
  nextBefore: z.number().int().nullable(),
});
export type AuditList = z.infer<typeof auditListResponse>;

export const auditVerifyResponse = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBroken: z.object({ seq: z.number().int(), reason: z.string() }).nullable(),
  verifiedAt: z.string(),
});
export type AuditVerify = z.infer<typeof auditVerifyResponse>;
