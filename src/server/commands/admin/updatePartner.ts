/**
 * An admin changes a partner agency's endpoints (Article 5: 公安部, 国家网信办): webhook address, signing secret
 * (stored sealed, never sent back), notice email, enabled. The changed field names (never the values of secrets)
 * are audited in the same transaction; nothing changed, nothing written.
 */
import { eq } from 'drizzle-orm';
import type { PartnerUpdate } from '../../../shared/api/adminPartners.js';
import { appendAudit } from '../../audit/auditLog.js';
import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/client.js';
import { partners } from '../../db/schema.js';
import { notFound } from '../../lib/errors.js';
import { partnerSecretAad } from '../../services/outbox.js';
import type { SessionUser } from '../../services/sessions.js';

export type PartnerRow = typeof partners.$inferSelect;

export async function lockPartner(tx: Tx, id: string): Promise<PartnerRow> {
  const [row] = await tx.select().from(partners).where(eq(partners.id, id)).for('update');
  if (!row) throw notFound('未找到该接收方');
  return row;
}

export async function updatePartner(
  ctx: AppContext,
  props: { actor: SessionUser; id: string; body: PartnerUpdate },
): Promise<PartnerRow> {
  const { id, body } = props;
  return ctx.db.transaction(async (tx) => {
    const row = await lockPartner(tx, id);
    const set: Partial<typeof partners.$inferInsert> = {};
    const fields: string[] = [];
    if (body.webhookUrl !== undefined && body.webhookUrl !== row.webhookUrl) {
      set.webhookUrl = body.webhookUrl;
      fields.push('webhookUrl');
    }
    if (body.webhookSecret !== undefined) {
      set.webhookSecretEnc = ctx.cipher.sealText(body.webhookSecret, partnerSecretAad(id));
      fields.push('webhookSecret');
    }
    if (body.email !== undefined && body.email !== row.email) {
      set.email = body.email;
      fields.push('email');
    }
    if (body.enabled !== undefined && body.enabled !== row.enabled) {
      set.enabled = body.enabled;
      fields.push('enabled');
    }
    if (!fields.length) return row;
    const [next] = await tx
      .update(partners)
      .set({ ...set, updatedAt: ctx.now() })
      .where(eq(partners.id, id))
      .returning();
    await appendAudit(tx, {
      action: 'partner.update',
      actorId: props.actor.id,
      subjectType: 'system',
      subjectId: `partner:${id}`,
      details: { partnerId: id, fields },
    });
    return next as PartnerRow;
  });
}
