/**
 * A new read-only pull token for a partner agency (Article 5): shown once, stored as its SM3 hash; the old one
 * stops working at once. Audited as a change of the field `pullToken`.
 */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { appendAudit } from '../../audit/auditLog.js';
import type { AppContext } from '../../context.js';
import { sm3Hex } from '../../crypto/sm3.js';
import { partners } from '../../db/schema.js';
import type { SessionUser } from '../../services/sessions.js';
import { lockPartner } from './updatePartner.js';

export async function issuePullToken(ctx: AppContext, props: { actor: SessionUser; id: string }): Promise<string> {
  const token = `vcp_${randomBytes(32).toString('base64url')}`;
  await ctx.db.transaction(async (tx) => {
    await lockPartner(tx, props.id);
    await tx
      .update(partners)
      .set({ pullTokenHash: sm3Hex(token), updatedAt: ctx.now() })
      .where(eq(partners.id, props.id));
    await appendAudit(tx, {
      action: 'partner.update',
      actorId: props.actor.id,
      subjectType: 'system',
      subjectId: `partner:${props.id}`,
      details: { partnerId: props.id, fields: ['pullToken'] },
    });
  });
  return token;
}
