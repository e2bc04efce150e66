import { z } from 'zod';
import { CHECK_RESULTS, CHECK_SECTIONS } from '../../commands/reviewWork.js';

/** Top-level sections of 附件1 a correction item may point at (plus the attachment kinds). */
const FIELD_ROOTS = [
  'platform',
  'sponsor',
  'people',
  'capital',
  'rules',
  'mlps',
  'management',
  'commitment',
  'other',
  'operation',
  'attachments',
];
const fieldPathPattern = /^[a-zA-Z]+(\.[a-zA-Z_]+|\[\d+\])*$/;

export const correctionBody = z.strictObject({
  summary: z.string().trim().min(1, '请填写补正通知的说明').max(2000, '说明不能超过 2000 个字符'),
  items: z
    .array(
      z.strictObject({
        field: z
          .string()
          .max(100)
          .refine(
            (f) => fieldPathPattern.test(f) && FIELD_ROOTS.includes(f.split(/[.[]/)[0] as string),
            '不是备案登记表中的字段',
          ),
        message: z.string().trim().min(1, '请写明需要补正的原因').max(500, '原因不能超过 500 个字符'),
      }),
    )
    .min(1, '请至少指出一处需要补正的字段')
    .max(50, '最多 50 处'),
});

export const assignBody = z.strictObject({ reviewerId: z.uuid('请选择审核人员') });
export const checkParams = z.strictObject({ id: z.uuid(), section: z.enum(CHECK_SECTIONS) });
export const checkBody = z.strictObject({
  result: z.enum(CHECK_RESULTS, { message: '结果应为 pass、fail 或 na' }),
  note: z.string().trim().max(1000).optional(),
});
export const revealBody = z.strictObject({
  reason: z.string().trim().min(4, '请写明查看原因（至少 4 个字）').max(500),
});
