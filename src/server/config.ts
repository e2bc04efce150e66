/**
 * Process configuration, read once from the environment at start.
 * Settings an admin may change at run time live in the `settings` table instead (see settings.ts).
 */
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** Folder of the embedded PGlite database and the generated key file. */
  dataDir: string;
  /** When set, a PostgreSQL server is used instead of PGlite. */
  databaseUrl: string | undefined;
  /** Field-encryption keys: `kid:base64(32 bytes)` separated by commas; the first is the active key. */
  keys: string | undefined;
  logLevel: string;
  cookieSecure: boolean;
  /**
   * Reverse proxies whose X-Forwarded-For is believed (addresses, CIDRs, or proxy-addr names such as `loopback`);
   * empty: the peer address is the client, and a forged header changes nothing.
   */
  trustedProxies: string[];
  /** Extra origins whose browsers may send cookie-authenticated writes (besides the server's own). */
  trustedOrigins: string[];
  /** The address the public reaches the system at, for links in documents and emails. */
  publicBaseUrl: string;
  /** Requests per minute and client address (partnerPull: per partner token; public: the registry, 0 = no limit). */
  rateLimits: { login: number; register: number; partnerPull: number; public: number };
  /** How often the outbox worker looks for due messages (jobs/outboxWorker.ts). */
  outboxPollMs: number;
  /** How often the scheduler looks for due jobs (jobs/scheduler.ts); scheduled deregistrations run within it of 00:00. */
  schedulerPollMs: number;
  /** SMTP server for emails, e.g. smtp://user:pass@mail.example.gov.cn:587; unset: emails wait in the outbox. */
  smtpUrl: string | undefined;
  /** The sender of every email. */
  mailFrom: string;
}

function intFrom(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = intFrom('PORT', env.PORT, 3000);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    keys: env.VCP_KEYS || undefined,
    logLevel: env.LOG_LEVEL ?? 'info',
    cookieSecure: env.COOKIE_SECURE === 'true',
    trustedProxies: (env.TRUSTED_PROXIES ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    trustedOrigins: (env.TRUSTED_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    rateLimits: {
      login: intFrom('RATE_LIMIT_LOGIN', env.RATE_LIMIT_LOGIN, 20),
      register: intFrom('RATE_LIMIT_REGISTER', env.RATE_LIMIT_REGISTER, 10),
      public: intFrom('RATE_LIMIT_PUBLIC', env.RATE_LIMIT_PUBLIC, 300),
      partnerPull: intFrom('RATE_LIMIT_PARTNER_PULL', env.RATE_LIMIT_PARTNER_PULL, 120),
    },
    outboxPollMs: Math.max(100, intFrom('OUTBOX_POLL_MS', env.OUTBOX_POLL_MS, 2000)),
    schedulerPollMs: Math.max(100, intFrom('SCHEDULER_POLL_MS', env.SCHEDULER_POLL_MS, 5000)),
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || 'VCP备案系统 <noreply@vcp.example.gov.cn>',
    publicBaseUrl: (env.PUBLIC_BASE_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
  };
}
