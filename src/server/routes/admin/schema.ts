import { z } from 'zod';
import { checkEmail, checkHttpUrl } from '../../../shared/validators/contact.js';

/** An empty parameter (`?status=`) means "not given". */
const blankIsAbsent = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema);

const intParam = (min: number, max: number, what: string) =>
  blankIsAbsent(
    z.coerce
      .number({ message: `${what}应为整数` })
      .int(`${what}应为整数`)
      .min(min, `${what}至少为 ${min}`)
      .max(max, `${what}不能超过 ${max}`)
      .optional(),
  );

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
const partnerIdPattern = /^[a-z][a-z0-9_-]{0,39}$/;

export const deliveriesQuery = z.strictObject({
  status: blankIsAbsent(z.enum(DELIVERY_STATUSES, { message: '状态应为 pending、delivered 或 failed' }).optional()),
  recipient: blankIsAbsent(z.string().regex(partnerIdPattern, '接收方编号格式不正确').optional()),
  channel: blankIsAbsent(z.enum(['webhook', 'email'], { message: '通道应为 webhook 或 email' }).optional()),
  page: intParam(1, 10_000, '页码'),
  pageSize: intParam(1, 100, '每页条数'),
});

export const deliveryParams = z.strictObject({
  id: z.coerce.number({ message: '编号应为整数' }).int('编号应为整数').min(1).max(Number.MAX_SAFE_INTEGER),
});

export const partnerParams = z.strictObject({ id: z.string().regex(partnerIdPattern, '接收方编号格式不正确') });

const withCheck = (check: (v: string) => string | null) =>
  z
    .string()
    .trim()
    .superRefine((v, c) => {
      const message = check(v);
      if (message) c.addIssue({ code: 'custom', message });
    });

export const partnerBody = z.strictObject({
  webhookUrl: withCheck(checkHttpUrl).nullable().optional().describe('http(s) 地址；null 表示不推送'),
  webhookSecret: z
    .string()
    .min(16, '签名密钥至少 16 个字符')
    .max(256, '签名密钥不能超过 256 个字符')
    .optional()
    .describe('HMAC-SM3 签名密钥，只写不读'),
  email: withCheck(checkEmail).nullable().optional().describe('接收通报的邮箱；null 表示不发邮件'),
  enabled: z.boolean({ message: '应为 true 或 false' }).optional(),
});
