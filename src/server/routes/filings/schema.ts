import { z } from 'zod';
import { ATTACHMENT_KINDS } from '../../../shared/attachments.js';

export const filingParams = z.strictObject({ id: z.uuid('备案申请ID格式不正确（应为 UUID）') });
export const attachmentParams = z.strictObject({
  id: z.uuid('备案申请ID格式不正确（应为 UUID）'),
  attachmentId: z.uuid('附件编号格式不正确'),
});
export const downloadQuery = z.strictObject({ inline: z.enum(['0', '1']).optional() });
export const attachmentKind = z.enum(ATTACHMENT_KINDS, { message: `附件类别应为 ${ATTACHMENT_KINDS.join('、')} 之一` });
export const createQuery = z.strictObject({ reuseEmpty: z.enum(['0', '1']).optional() });
