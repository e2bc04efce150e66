/**
 * Fault injection for the crash tests: with VCP_FAULT=<name> the process kills itself (SIGKILL, no cleanup) when
 * it reaches that point, exactly as a power cut would. Unset in normal running, where it costs one comparison.
 */
export type FaultPoint =
  | 'approve.afterNumber'
  /** commands/submitFiling.ts: the filing row and its audit entry written, the transaction not committed. */
  | 'submit.beforeCommit'
  /** attachments/blobStore.ts: the third chunk of an upload written, the rest of the file not yet read. */
  | 'upload.midFile'
  /** jobs/outboxWorker.ts: the SMTP server or webhook accepted the message, the outcome not yet recorded. */
  | 'outbox.afterSend';

export function faultPoint(name: FaultPoint): void {
  if (process.env.VCP_FAULT === name) process.kill(process.pid, 'SIGKILL');
}
