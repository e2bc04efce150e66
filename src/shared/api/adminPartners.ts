/**
 * The partner agencies' endpoints (Article 5: the filing goes to 公安部 and 国家网信办) as the admin API and the
 * settings page's partner cards exchange them. Secrets are write-only: the view says only whether one is set.
 */
import { z } from 'zod';
import { custom, type Issue, says } from '../validation/issues.js';
import { emailIssue, httpUrlIssue } from '../validators/contact.js';

export const PARTNER_ID_PATTERN = /^[a-z][a-z0-9_-]{0,39}$/;

export const partnerParams = z.strictObject({ id: z.string().regex(PARTNER_ID_PATTERN, says('api.partnerId')) });

const withCheck = (check: (v: string) => Issue | null) =>
  z
    .string()
    .trim()
    .superRefine((v, c) => {
      const found = check(v);
      if (found) c.addIssue(custom(found));
    });

export const partnerBody = z.strictObject({
  webhookUrl: withCheck(httpUrlIssue).nullable().optional().describe('http(s) 地址；null 表示不推送'),
  webhookSecret: z
    .string()
    .min(16, says('api.secretShort'))
    .max(256, says('api.secretTooLong'))
    .optional()
    .describe('HMAC-SM3 签名密钥，只写不读'),
  email: withCheck(emailIssue).nullable().optional().describe('接收通报的邮箱；null 表示不发邮件'),
  enabled: z.boolean(says('api.boolean')).optional(),
});
export type PartnerUpdate = z.infer<typeof partnerBody>;

export const partnerSchema = z.object({
  id: z.string(),
  name: z.string(),
  webhookUrl: z.string().nullable(),
  hasWebhookSecret: z.boolean(),
  email: z.string().nullable(),
  hasPullToken: z.boolean(),
  enabled: z.boolean(),
  updatedAt: z.string(),
});
export type Partner = z.infer<typeof partnerSchema>;

export const partnerListResponse = z.object({ items: z.array(partnerSchema) });
export const partnerResponse = z.object({ partner: partnerSchema });
export const pullTokenResponse = z.object({ token: z.string().describe('只显示这一次') });
export type PartnerListResponse = z.infer<typeof partnerListResponse>;
export type PartnerResponse = z.infer<typeof partnerResponse>;
export type PullTokenResponse = z.infer<typeof pullTokenResponse>;
