/**
 * Answering with a check's evidence package (monitor/evidencePackage.ts), for the staff and complaint-handler routes
 * alike: a zip download, never cached, and the download written to the audit log (who took which evidence).
 */
import type { FastifyReply } from 'fastify';
import { appendAudit } from '../audit/auditLog.js';
import type { AppContext } from '../context.js';
import { buildEvidencePackage } from './evidencePackage.js';
import type { HomepageCheckRow } from './runCheck.js';

export async function sendEvidencePackage(
  ctx: AppContext,
  reply: FastifyReply,
  row: HomepageCheckRow,
  actorId: string,
  complaintId?: string,
): Promise<FastifyReply> {
  const pkg = await buildEvidencePackage(ctx.db, row, { generatedAt: ctx.now() });
  await ctx.db.transaction((tx) =>
    appendAudit(tx, {
      action: 'filing.homepage_evidence_exported',
      actorId,
      subjectType: 'filing',
      subjectId: row.filingId,
      details: {
        checkId: row.id,
        ...(complaintId ? { complaintId } : {}),
        files: pkg.files.map((f) => ({ name: f.name, sm3: f.sm3 })),
      },
    }),
  );
  return reply
    .header('content-type', 'application/zip')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(pkg.fileName)}`)
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .send(Buffer.from(pkg.zip.buffer, pkg.zip.byteOffset, pkg.zip.byteLength));
}
