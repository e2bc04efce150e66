/**
 * Delivers the outbox (services/outbox.ts) at least once: webhooks to the partner agencies and emails to them and to
 * applicants. Each run claims a batch of due messages in a short transaction (FOR UPDATE SKIP LOCKED, so several
 * instances share the work), delivers them with no transaction open (PGlite has one connection), and records each
 * outcome in a second short transaction. A crash in between leaves the lease to run out: the message goes again.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../context.js';
import { faultPoint } from '../lib/faults.js';
import { outboxAad, PUSH_CHANNELS } from '../services/outbox.js';
import { errorDetail } from './detail.js';
import { deliverEmail, type Mailer, smtpMailer } from './email.js';
import {
  claimDue,
  DEFAULT_RETRY,
  type DeliveryResult,
  deferUnsendable,
  type OutboxRow,
  type RecordedStatus,
  type RetryPolicy,
  recordOutcome,
} from './outboxStore.js';

import { deliverWebhook } from './webhook.js';

export interface OutboxWorkerOptions extends Partial<RetryPolicy> {
  /** Pause between runs when nothing was left; default config.outboxPollMs (2 s). */
  pollMs?: number;
  /** Messages claimed per run. */
  batchSize?: number;
  /** How long a claimed message is reserved for this worker; after that another run may take it. */
  leaseMs?: number;
  webhookTimeoutMs?: number;
  /** The SMTP server; default config.smtpUrl. `null`: no email (messages wait). */
  smtpUrl?: string | null;
  /** A ready mailer instead of one built from the SMTP url. */
  mailer?: Mailer | null;
  /** When emails are looked at again while no SMTP server is configured. */
  unconfiguredRetryMs?: number;
  log?: FastifyBaseLogger;
}

export interface RunSummary {
  claimed: number;
  delivered: number;
  retrying: number;
  failed: number;
  /** Emails left waiting because no SMTP server is configured. */
  deferred: number;
}

export const SMTP_NOT_CONFIGURED = '未配置 SMTP';

export class OutboxWorker {
  private readonly policy: RetryPolicy;
  private readonly mailer: Mailer | null;
  private readonly ownsMailer: boolean;
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<unknown> | null = null;
  private started = false;
  private stopped = false;

  constructor(
    private readonly ctx: AppContext,
    private readonly opts: OutboxWorkerOptions = {},
  ) {
    this.policy = {
      backoffBaseMs: opts.backoffBaseMs ?? DEFAULT_RETRY.backoffBaseMs,
      backoffCapMs: opts.backoffCapMs ?? DEFAULT_RETRY.backoffCapMs,
      maxAttempts: opts.maxAttempts ?? DEFAULT_RETRY.maxAttempts,
    };
    const smtpUrl = opts.smtpUrl === undefined ? ctx.config.smtpUrl : opts.smtpUrl;
    this.ownsMailer = opts.mailer === undefined && !!smtpUrl;
    this.mailer = opts.mailer !== undefined ? opts.mailer : smtpUrl ? smtpMailer(smtpUrl) : null;
  }

  /** Processes one batch of what is due now. */
  async runOnce(): Promise<RunSummary> {
    const { ctx } = this;
    const limit = this.opts.batchSize ?? 10;
    const summary: RunSummary = { claimed: 0, delivered: 0, retrying: 0, failed: 0, deferred: 0 };
    if (!this.mailer) {
      summary.deferred = await deferUnsendable(ctx.db, {
        channel: 'email',
        reason: SMTP_NOT_CONFIGURED,
        retryMs: this.opts.unconfiguredRetryMs ?? 60_000,
        limit: 100,
      });
    }
    const channels = PUSH_CHANNELS.filter((c) => c !== 'email' || this.mailer);
    const rows = await claimDue(ctx.db, {
      channels,
      limit,
      leaseMs: this.opts.leaseMs ?? this.ctx.config.outboxLeaseMs,
    });
    summary.claimed = rows.length;
    const outcomes = await Promise.all(rows.map((row) => this.process(row)));
    for (const s of outcomes) {
      if (s === 'delivered') summary.delivered++;
      else if (s === 'failed') summary.failed++;
      else if (s === 'pending') summary.retrying++;
    }
    return summary;
  }

  /** Delivers one claimed message and records the outcome; a recording error leaves the lease to expire. */
  private async process(row: OutboxRow): Promise<RecordedStatus | null> {
    const result = await this.deliver(row);
    if (result.ok) faultPoint('outbox.afterSend');
    const log = this.opts.log;
    const fields = { outboxId: row.id, channel: row.channel, recipient: row.recipient, eventType: row.eventType };
    try {
      const status = await recordOutcome(this.ctx.db, row, result, this.policy);
      const entry = { ...fields, attempt: row.attempts, ok: result.ok, detail: result.detail, status };
      if (result.ok) log?.info(entry, 'outbox message delivered');
      else log?.warn(entry, 'outbox delivery failed');
      return status;
    } catch (err) {
      log?.error({ ...fields, error: errorDetail(err) }, 'outbox outcome not recorded; the lease will expire');
      return null;
    }
  }

  private async deliver(row: OutboxRow): Promise<DeliveryResult> {
    try {
      const body = this.ctx.cipher.openText(row.payloadEnc, outboxAad(row.idempotencyKey));
      if (row.channel === 'webhook') {
        return await deliverWebhook(this.ctx, row, body, { timeoutMs: this.opts.webhookTimeoutMs ?? 10_000 });
      }
      if (row.channel === 'email' && this.mailer) return await deliverEmail(this.ctx, row, body, this.mailer);
      return { ok: false, detail: `不支持的通道 ${row.channel}` };
    } catch (err) {
      return { ok: false, detail: errorDetail(err) };
    }
  }

  /** Runs until stop(): again at once after a full batch, otherwise after the poll interval. */
  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    const pollMs = this.opts.pollMs ?? this.ctx.config.outboxPollMs;
    const limit = this.opts.batchSize ?? 10;
    const tick = async () => {
      this.timer = null;
      let more = false;
      const run = this.runOnce().then(
        (s) => {
          more = s.claimed >= limit;
        },
        (err) => this.opts.log?.error({ error: errorDetail(err) }, 'outbox worker run failed'),
      );
      this.current = run;
      await run;
      this.current = null;
      if (!this.stopped) this.schedule(tick, more ? 0 : pollMs);
    };
    this.schedule(tick, 0);
  }

  private schedule(fn: () => Promise<void>, ms: number) {
    this.timer = setTimeout(() => void fn(), ms);
    this.timer.unref();
  }

  /** Stops polling and waits for the run in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.current;
    this.close();
  }

  /** Releases the SMTP connections this worker opened. */
  close(): void {
    if (this.ownsMailer) this.mailer?.close();
  }
}

/** One run with a worker of its own (tests, the `vcp` tool): processes what is due now, then closes. */
export async function runOnce(ctx: AppContext, opts: OutboxWorkerOptions = {}): Promise<RunSummary> {
  const worker = new OutboxWorker(ctx, opts);
  try {
    return await worker.runOnce();
  } finally {
    worker.close();
  }
}
