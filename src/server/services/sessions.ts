/**
 * Server-side sessions. The cookie holds a random token; the table holds only its SM3 hash.
 */
import { randomBytes } from 'node:crypto';
import { and, eq, gt, ne } from 'drizzle-orm';
import { sm3Hex } from '../crypto/sm3.js';
import type { Executor } from '../db/client.js';
import { sessions, users } from '../db/schema.js';

export const SESSION_COOKIE = 'vcp_session';
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export interface SessionUser {
  id: string;
  roles: string[];
  displayName: string | null;
  emailEnc: string;
  sessionId: string;
}

export async function createSession(
  db: Executor,
  userId: string,
  now: Date,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await db.insert(sessions).values({ id: sm3Hex(token), userId, createdAt: now, expiresAt });
  return { token, expiresAt };
}

export async function findSessionUser(db: Executor, token: string, now: Date): Promise<SessionUser | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const id = sm3Hex(token);
  const [row] = await db
    .select({
      id: users.id,
      roles: users.roles,
      displayName: users.displayName,
      emailEnc: users.emailEnc,
      disabled: users.disabled,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, now)))
    .limit(1);
  if (!row || row.disabled) return null;
  return { id: row.id, roles: row.roles, displayName: row.displayName, emailEnc: row.emailEnc, sessionId: id };
}

export async function deleteSession(db: Executor, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of the account, or every one but `keep` (the one changing the password); answers how many. */
export async function endSessionsOf(db: Executor, userId: string, keep?: string): Promise<number> {
  const ended = await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), keep ? ne(sessions.id, keep) : undefined))
    .returning({ id: sessions.id });
  return ended.length;
}
