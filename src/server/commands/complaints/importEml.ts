/**
 * Article 9, SPEC §9: a complaint that arrived by email is imported from its `.eml` file (mailparser): the sender
 * becomes the contact (sealed), the text the description, the attachments the evidence (only PDF, JPEG and PNG,
 * typed from their bytes; others are listed as skipped, never stored). The handler may name the category and the
 * target; without a target the subject names it.
 */
import { simpleParser } from 'mailparser';
import type { ComplaintCategory } from '../../../shared/complaints/lifecycle.js';
import { discardBlob, writeBlob } from '../../attachments/blobStore.js';
import type { AppContext } from '../../context.js';
import { badRequest, said } from '../../lib/errors.js';
import type { SessionUser } from '../../services/sessions.js';
import { EVIDENCE_TYPES, type EvidenceUpload, MAX_EVIDENCE_FILES, receiveComplaint } from './receiveComplaint.js';
import type { ComplaintRow } from './records.js';

export interface ImportEmlProps {
  user: SessionUser;
  eml: Buffer;
  category?: ComplaintCategory | undefined;
  targetFilingNumber?: string | undefined;
  targetName?: string | undefined;
  targetUrl?: string | undefined;
}

export interface ImportResult {
  complaint: ComplaintRow;
  skipped: { fileName: string; reason: string }[];
}

const MAX_DESCRIPTION = 10_000;

export async function importEml(ctx: AppContext, props: ImportEmlProps): Promise<ImportResult> {
  let mail: Awaited<ReturnType<typeof simpleParser>>;
  try {
    mail = await simpleParser(props.eml, { skipImageLinks: true, skipTextToHtml: true });
  } catch {
    throw badRequest('eml：无法解析该邮件文件', [said('eml', 'api.emlUnreadable')]);
  }
  const sender = mail.from?.value[0];
  const text = (mail.text ?? '').trim();
  const subject = (mail.subject ?? '').trim();
  const description = [subject && `【邮件主题】${subject}`, text]
    .filter(Boolean)
    .join('\n\n')
    .slice(0, MAX_DESCRIPTION);
  if (description.length < 10) {
    throw badRequest('eml：邮件没有可作为投诉内容的正文', [said('eml', 'api.emlNoBody')]);
  }
  const maxBytes = await ctx.settings.get('complaints.evidenceMaxBytes');
  const evidence: EvidenceUpload[] = [];
  const skipped: ImportResult['skipped'] = [];
  try {
    for (const a of mail.attachments) {
      const fileName = a.filename ?? 'attachment';
      if (evidence.length >= MAX_EVIDENCE_FILES) {
        skipped.push({ fileName, reason: `超过 ${MAX_EVIDENCE_FILES} 个` });
        continue;
      }
      if (a.size > maxBytes) {
        skipped.push({ fileName, reason: '超过大小上限' });
        continue;
      }
      const blob = await writeBlob(ctx, [a.content], maxBytes);
      if (!blob.detected || !(EVIDENCE_TYPES as readonly string[]).includes(blob.detected.type)) {
        await discardBlob(ctx.db, blob.blobId);
        skipped.push({ fileName, reason: '类型不支持（须为 PDF、JPEG 或 PNG）' });
        continue;
      }
      evidence.push({ fileName, blob });
    }
  } catch (err) {
    for (const e of evidence) await discardBlob(ctx.db, e.blob.blobId).catch(() => {});
    throw err;
  }
  const hasTarget = props.targetFilingNumber || props.targetName || props.targetUrl;
  const complaint = await receiveComplaint(ctx, {
    channel: 'email',
    recordedBy: props.user.id,
    evidence,
    fields: {
      category: props.category ?? 'other',
      targetFilingNumber: props.targetFilingNumber,
      targetName: hasTarget ? props.targetName : subject.slice(0, 200) || '（邮件未写明）',
      targetUrl: props.targetUrl,
      description,
      contact: sender ? { email: sender.address, name: sender.name || undefined } : undefined,
    },
  });
  return { complaint, skipped };
}
