/**
 * Documents made from a filing: 附件2 承诺书 (PDF, DOCX) to print, sign, seal and upload; 附件1 登记表 (PDF) filled
 * with the filing's data; and, while the filing is valid, the 备案证明 (PDF). The same paths serve the applicant
 * (`/api/filings/:id/documents/…`, owner only) and review staff (`/api/review/filings/:id/documents/…`, drafts not
 * shown). The public registry never serves them: the 登记表 carries personal data.
 */
// The generators (pdf-lib, fontkit, docx: ~0.5 s to load) are imported on first use, not at start-up.
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { chinaToday } from '../../../shared/calendar/index.js';
import { publicFilingUrl } from '../../../shared/filing/publicRecord.js';
import { FILING_STATUS_LABELS, type FilingStatus } from '../../../shared/filing/status.js';
import { appendAudit } from '../../audit/auditLog.js';
import type { AppContext } from '../../context.js';
import { AppError } from '../../lib/errors.js';
import { requireUser } from '../../plugins/auth.js';
import { authorizeFiling } from '../../policies/filing.js';
import { authorizeReview, requireReviewStaff } from '../../policies/review.js';
import { presentPublicFiling } from '../../presenters/publicFiling.js';
import { type FilingRow, listAttachmentMeta, loadFiling, openDraft } from '../../services/filingRecords.js';
import type { SessionUser } from '../../services/sessions.js';
import { downloadQuery, filingParams } from '../filings/schema.js';

const tags = ['文书 Documents'];
const PDF = 'application/pdf';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** States in which the filing is valid and a certificate is issued (a change under review leaves the filing approved). */
export const CERTIFIED_STATUSES: readonly FilingStatus[] = ['approved'];

/** RFC 5987 value: encodeURIComponent leaves ' ( ) * unescaped, which the attr-char grammar does not allow. */
const rfc5987 = (s: string) => encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);

/** A file name from user text: no path separators, quotes or control characters, not too long. */
export function fileName(base: string, detail: string | null | undefined, ext: string): string {
  const clean = (detail ?? '')
    .replace(/[\\/:*?"<>|\p{Cc}]/gu, '')
    .trim()
    .slice(0, 60);
  return `${base}${clean ? `-${clean}` : ''}.${ext}`;
}

function send(reply: FastifyReply, bytes: Uint8Array, type: string, name: string, inline: boolean) {
  return reply
    .header('content-type', type)
    .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${rfc5987(name)}`)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

type Audience = 'applicant' | 'staff';

async function load(ctx: AppContext, user: SessionUser, id: string, audience: Audience): Promise<FilingRow> {
  const row = await loadFiling(ctx.db, id);
  if (audience === 'applicant') authorizeFiling(user, 'read', row);
  else authorizeReview(user, 'read', row);
  return row;
}

function documentRoutes(audience: Audience): FastifyPluginAsyncZod {
  return async (app) => {
    const { ctx } = app;
    const who = audience === 'applicant' ? '（申请人）' : '（审核人员）';
    if (audience === 'staff') {
      // Like the rest of the review API: strangers get 401/403 before anything else is looked at.
      app.addHook('preValidation', async (req) => {
        requireReviewStaff(requireUser(req));
      });
    }
    const schema = (summary: string) => ({
      tags,
      summary: summary + who,
      params: filingParams,
      querystring: downloadQuery,
    });

    app.get('/:id/documents/commitment.pdf', { schema: schema('承诺书模板（附件2，PDF）') }, async (req, reply) => {
      const row = await load(ctx, requireUser(req), req.params.id, audience);
      const d = openDraft(ctx.cipher, row);
      const bytes = await (await import('../../documents/commitmentLetter.js')).commitmentLetterPdf({
        sponsorName: d.sponsor?.name,
        sponsorType: d.sponsor?.type,
      });
      return send(reply, bytes, PDF, fileName('承诺书', d.platform?.name, 'pdf'), req.query.inline === '1');
    });

    app.get('/:id/documents/commitment.docx', { schema: schema('承诺书模板（附件2，Word）') }, async (req, reply) => {
      const row = await load(ctx, requireUser(req), req.params.id, audience);
      const d = openDraft(ctx.cipher, row);
      const bytes = await (await import('../../documents/commitmentLetter.js')).commitmentLetterDocx({
        sponsorName: d.sponsor?.name,
        sponsorType: d.sponsor?.type,
      });
      return send(reply, bytes, DOCX, fileName('承诺书', d.platform?.name, 'docx'), false);
    });

    app.get(
      '/:id/documents/registration.pdf',
      { schema: schema('备案登记表（附件1，含个人信息）') },
      async (req, reply) => {
        const user = requireUser(req);
        const row = await load(ctx, user, req.params.id, audience);
        const draft = openDraft(ctx.cipher, row);
        const bytes = await (await import('../../documents/registrationForm.js')).registrationFormPdf({
          draft,
          attachments: await listAttachmentMeta(ctx.db, row.id),
          filingNumber: row.filingNumber,
          statusLabel: FILING_STATUS_LABELS[row.status as FilingStatus] ?? row.status,
          today: chinaToday(ctx.now()),
        });
        if (audience === 'staff') {
          // The form shows personal data unmasked: staff taking it is logged, like a reveal.
          await ctx.db.transaction((tx) =>
            appendAudit(tx, {
              action: 'filing.document_download',
              actorId: user.id,
              subjectType: 'filing',
              subjectId: row.id,
              details: { document: 'registration' },
            }),
          );
        }
        return send(reply, bytes, PDF, fileName('登记表', draft.platform?.name, 'pdf'), req.query.inline === '1');
      },
    );

    app.get('/:id/documents/certificate.pdf', { schema: schema('备案证明（予以备案后）') }, async (req, reply) => {
      const row = await load(ctx, requireUser(req), req.params.id, audience);
      if (!CERTIFIED_STATUSES.includes(row.status as FilingStatus) || !row.filingNumber || !row.publicRecord) {
        const label = FILING_STATUS_LABELS[row.status as FilingStatus] ?? row.status;
        throw new AppError(409, 'not_approved', `备案证明仅在备案有效期间出具（当前状态：${label}）`);
      }
      const record = presentPublicFiling(row);
      const bytes = await (await import('../../documents/certificate.js')).certificatePdf({
        ...record,
        filingNumber: row.filingNumber,
        publicUrl: publicFilingUrl(ctx.config.publicBaseUrl, row.filingNumber),
      });
      return send(reply, bytes, PDF, fileName('备案证明', row.filingNumber, 'pdf'), req.query.inline === '1');
    });
  };
}

/** Registered under /api/filings. */
export const applicantDocumentRoutes = documentRoutes('applicant');
/** Registered under /api/review/filings. */
export const staffDocumentRoutes = documentRoutes('staff');
