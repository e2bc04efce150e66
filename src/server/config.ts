/**
 * Process configuration, read once from the environment at start.
 * Settings an admin may change at run time live in the `settings` table instead (see settings.ts).
 */
import path from 'node:path';
import { defaultCryptoThreads } from './crypto/cryptoPool.js';

export interface Config {
  port: number;
  host: string;
  /** Folder of the embedded PGlite database and the generated key file. */
  dataDir: string;
  /** When set, a PostgreSQL server is used instead of PGlite. */
  databaseUrl: string | undefined;
  /** PGlite runs on its own thread (db/pgliteThread.ts); PGLITE_THREAD=off keeps it on the main one (to compare). */
  pgliteThread: boolean;
  /**
   * Threads that seal, open and hash attachment chunks (crypto/cryptoPool.ts): CRYPTO_THREADS, default the available
   * cores (at most 4); 0 does it on the main thread (to compare).
   */
  cryptoThreads: number;
  /** Field-encryption keys: `kid:base64(32 bytes)` separated by commas; the first is the active key. */
  keys: string | undefined;
  /** The transparency log's SM2 signing key (PKCS#8 PEM); unset: derived from the index key (transparency/signer.ts). */
  logKey: string | undefined;
  logLevel: string;
  /** Cookies only over HTTPS: COOKIE_SECURE, or else true when PUBLIC_BASE_URL is https. */
  cookieSecure: boolean;
  /** Socket limits (app.ts): whole request, headers, a socket without traffic, idle keep-alive; open connections. */
  server: {
    requestTimeoutMs: number;
    headersTimeoutMs: number;
    idleTimeoutMs: number;
    keepAliveTimeoutMs: number;
    maxConnections: number;
  };
  /**
   * Reverse proxies whose X-Forwarded-For is believed (addresses, CIDRs, or proxy-addr names such as `loopback`);
   * empty: the peer address is the client, and a forged header changes nothing.
   */
  trustedProxies: string[];
  /** Extra origins whose browsers may send cookie-authenticated writes (besides the server's own). */
  trustedOrigins: string[];
  /** The address the public reaches the system at, for links in documents and emails. */
  publicBaseUrl: string;
  /**
   * Requests per minute and client address (partnerPull: per partner token; public: the registry, 0 = no limit);
   * complaints: submissions per hour and address.
   */
  rateLimits: { login: number; register: number; partnerPull: number; public: number; complaints: number };
  /** How often the outbox worker looks for due messages (jobs/outboxWorker.ts). */
  outboxPollMs: number;
  /** How long a claimed outbox message waits before another run may send it again (a crash mid-delivery). */
  outboxLeaseMs: number;
  /** How often the scheduler looks for due jobs (jobs/scheduler.ts); scheduled deregistrations run within it of 00:00. */
  schedulerPollMs: number;
  /** SMTP server for emails, e.g. smtp://user:pass@mail.example.gov.cn:587; unset: emails wait in the outbox. */
  smtpUrl: string | undefined;
  /** The sender of every email. */
  mailFrom: string;
  /** How long this instance may serve a public registry read from memory (services/registryCache.ts); 0 = off. */
  publicCacheMs: number;
  /**
   * The public registry held in memory for search, records and counts (services/registryIndex.ts);
   * PUBLIC_SEARCH_INDEX=off reads every uncached term through SQL instead.
   */
  publicSearchIndex: boolean;
  /** Homepage monitor (SPEC §10): private, loopback and link-local targets allowed (MONITOR_ALLOW_PRIVATE=true, tests only). */
  monitorAllowPrivate: boolean;
}

function intFrom(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return n;
}

function cookieSecureFrom(env: NodeJS.ProcessEnv, publicBaseUrl: string): boolean {
  const v = env.COOKIE_SECURE;
  if (v === 'true') return true;
  if (v === 'false') return false;
  if (v !== undefined && v !== '') throw new Error(`COOKIE_SECURE must be true or false, got "${v}"`);
  const https = publicBaseUrl.startsWith('https://');
  if (!https && env.NODE_ENV === 'production') {
    throw new Error(
      'In production set PUBLIC_BASE_URL to the https:// address, or COOKIE_SECURE=false if it is really served over plain HTTP',
    );
  }
  return https;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = intFrom('PORT', env.PORT, 3000);
  const publicBaseUrl = (env.PUBLIC_BASE_URL ?? `http://localhost:${port}`).replace(/\/+$/, '');
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    pgliteThread: env.PGLITE_THREAD !== 'off',
    cryptoThreads: intFrom('CRYPTO_THREADS', env.CRYPTO_THREADS, defaultCryptoThreads()),
    keys: env.VCP_KEYS || undefined,
    logKey: env.VCP_LOG_KEY || undefined,
    logLevel: env.LOG_LEVEL ?? 'info',
    cookieSecure: cookieSecureFrom(env, publicBaseUrl),
    server: {
      requestTimeoutMs: Math.max(1000, intFrom('REQUEST_TIMEOUT_MS', env.REQUEST_TIMEOUT_MS, 300_000)),
      headersTimeoutMs: Math.max(1000, intFrom('HEADERS_TIMEOUT_MS', env.HEADERS_TIMEOUT_MS, 20_000)),
      idleTimeoutMs: Math.max(1000, intFrom('IDLE_TIMEOUT_MS', env.IDLE_TIMEOUT_MS, 30_000)),
      keepAliveTimeoutMs: Math.max(1000, intFrom('KEEP_ALIVE_TIMEOUT_MS', env.KEEP_ALIVE_TIMEOUT_MS, 10_000)),
      maxConnections: Math.max(1, intFrom('MAX_CONNECTIONS', env.MAX_CONNECTIONS, 1000)),
    },
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
      /** Complaints a client address may submit per hour (0 = no limit). */
      complaints: intFrom('RATE_LIMIT_COMPLAINTS', env.RATE_LIMIT_COMPLAINTS, 10),
    },
    outboxPollMs: Math.max(100, intFrom('OUTBOX_POLL_MS', env.OUTBOX_POLL_MS, 2000)),
    outboxLeaseMs: Math.max(1000, intFrom('OUTBOX_LEASE_MS', env.OUTBOX_LEASE_MS, 60_000)),
    schedulerPollMs: Math.max(100, intFrom('SCHEDULER_POLL_MS', env.SCHEDULER_POLL_MS, 5000)),
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || 'VCP备案系统 <noreply@vcp.example.gov.cn>',
    publicCacheMs: intFrom('PUBLIC_CACHE_MS', env.PUBLIC_CACHE_MS, 2000),
    publicSearchIndex: env.PUBLIC_SEARCH_INDEX !== 'off',
    monitorAllowPrivate: env.MONITOR_ALLOW_PRIVATE === 'true',
    publicBaseUrl,
  };
}
