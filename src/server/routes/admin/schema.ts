import { z } from 'zod';
import { PARTNER_ID_PATTERN as partnerIdPattern } from '../../../shared/api/adminPartners.js';

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

export { partnerBody, partnerParams } from '../../../shared/api/adminPartners.js';
