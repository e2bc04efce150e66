/**
 * The webhook channel: the event's JSON POSTed to the partner's endpoint, signed with HMAC-SM3 under the partner's
 * secret. The Idempotency-Key is the outbox message's and never changes, so a partner that sees a message twice
 * (a retry after a lost answer, a manual resend) can tell.
 */
import { eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { hmacSm3 } from '../crypto/sm3.js';
import { partners } from '../db/schema.js';
import { partnerSecretAad } from '../services/outbox.js';
import { errorDetail } from './detail.js';
import type { DeliveryResult, OutboxRow } from './outboxStore.js';

/** `sm3=<hex>` over `<timestamp>.<body>`: what a partner recomputes to check a request came from us, unchanged. */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sm3=${hmacSm3(Buffer.from(secret, 'utf8'), `${timestamp}.${body}`).toString('hex')}`;
}

export async function deliverWebhook(
  ctx: AppContext,
  row: OutboxRow,
  body: string,
  opts: { timeoutMs: number },
): Promise<DeliveryResult> {
  const [partner] = await ctx.db.select().from(partners).where(eq(partners.id, row.recipient)).limit(1);
  if (!partner) return { ok: false, detail: '未知的接收方' };
  if (!partner.enabled) return { ok: false, detail: '接收方已停用' };
  if (!partner.webhookUrl) return { ok: false, detail: '未配置 webhook 地址' };
  if (!partner.webhookSecretEnc) return { ok: false, detail: '未配置 webhook 签名密钥' };
  const secret = ctx.cipher.openText(partner.webhookSecretEnc, partnerSecretAad(partner.id));
  const timestamp = String(Math.floor(ctx.now().getTime() / 1000));
  try {
    const res = await fetch(partner.webhookUrl, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Idempotency-Key': row.idempotencyKey,
        'X-VCP-Event': row.eventType,
        'X-VCP-Timestamp': timestamp,
        'X-VCP-Signature': webhookSignature(secret, timestamp, body),
      },
      body,
      // A redirect is an answer we do not follow: the payload goes to the configured address only.
      redirect: 'manual',
      signal: AbortSignal.timeout(opts.timeoutMs),
    });
    // The answer's body is not needed; drain it so the connection is released.
    await res.body?.cancel().catch(() => {});
    return { ok: res.status >= 200 && res.status < 300, detail: `HTTP ${res.status}` };
  } catch (err) {
    if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
      return { ok: false, detail: `超时（${opts.timeoutMs / 1000} 秒）` };
    }
    return { ok: false, detail: errorDetail(err) };
  }
}
