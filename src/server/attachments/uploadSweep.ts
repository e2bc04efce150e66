/**
 * Removes what uploads that never finished left behind (issue 9): a process killed mid-upload (kill -9, a power cut)
 * leaves sealed chunks that no attachment or complaint evidence points at, and nothing else would ever remove them.
 * Every upload writes an `attachment_uploads` row before its first chunk; once that row is older than the threshold,
 * the blob's chunks go unless a row refers to them, and the row goes either way. A complete file is never touched:
 * the check that nothing refers to the blob is part of the statement that deletes, and the threshold is well above
 * the longest a request may take (an upload still running cannot be that old).
 */
import { asc, eq, lt, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { attachmentChunks, attachments, attachmentUploads, complaintEvidence } from '../db/schema.js';

/** How old an upload's row must be before an unreferenced blob counts as abandoned. */
export const ABANDONED_UPLOAD_MS = 60 * 60 * 1000;
/** Blobs looked at per run: each is one short statement, so a backlog never holds the database for long. */
const BLOBS_PER_RUN = 200;

export interface SweepResult {
  /** Abandoned blobs whose chunks were removed. */
  blobs: number;
  chunks: number;
}

export async function sweepAbandonedUploads(
  db: Executor,
  now: Date,
  olderThanMs: number = ABANDONED_UPLOAD_MS,
): Promise<SweepResult> {
  const cutoff = new Date(now.getTime() - olderThanMs);
  const stale = await db
    .select({ blobId: attachmentUploads.blobId })
    .from(attachmentUploads)
    .where(lt(attachmentUploads.startedAt, cutoff))
    .orderBy(asc(attachmentUploads.startedAt))
    .limit(BLOBS_PER_RUN);
  const result: SweepResult = { blobs: 0, chunks: 0 };
  for (const { blobId } of stale) {
    const gone = await db
      .delete(attachmentChunks)
      .where(
        sql`${attachmentChunks.blobId} = ${blobId}
          and not exists (select 1 from ${attachments} a where a.blob_id = ${blobId})
          and not exists (select 1 from ${complaintEvidence} e where e.blob_id = ${blobId})`,
      )
      .returning({ seq: attachmentChunks.seq });
    await db.delete(attachmentUploads).where(eq(attachmentUploads.blobId, blobId));
    if (gone.length) {
      result.blobs++;
      result.chunks += gone.length;
    }
  }
  return result;
}
