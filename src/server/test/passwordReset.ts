/** The token of a password reset link in a mail's text (commands/requestPasswordReset.ts), or null. */
export function resetTokenInMail(text: string): string | null {
  return /\/reset-password#token=([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? null;
}
