/**
 * A real server on a loopback port with a fresh database, and an HTTP client that keeps cookies like a browser
 * would. Route tests talk to it over real HTTP.
 */
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import pg from 'pg';
import { type App, buildApp } from '../app.js';
import { createContext } from '../bootstrap.js';
import { type Config, loadConfig } from '../config.js';
import type { AppContext } from '../context.js';
import { FieldCipher } from '../crypto/fieldCipher.js';
import { loadKeyring } from '../crypto/keys.js';
import { fromPool } from '../db/client.js';
import { mailedSignUpToken } from './signUp.js';
import { createTestDatabase, reopenPglite, type TestDatabase } from './testDb.js';

export interface TestServer {
  ctx: AppContext;
  app: App;
  url: string;
  /** Every log line the server wrote, raw. */
  logs: string[];
  /** The field-encryption keys in their environment form, so another process can open the same data. */
  keys: TestKeys;
  /** The database's URL on PostgreSQL (another instance or process may connect); undefined on PGlite. */
  databaseUrl: string | undefined;
  /** The test database, for a restart (restartTestServer). */
  database?: TestDatabase;
  client(): TestClient;
  close(): Promise<void>;
}

/** Fresh random keys as VCP_KEYS / VCP_INDEX_KEY would carry them (crypto/keys.ts). */
export interface TestKeys {
  VCP_KEYS: string;
  VCP_INDEX_KEY: string;
}

export function testKeys(): TestKeys {
  return { VCP_KEYS: `t1:${randomBytes(32).toString('base64')}`, VCP_INDEX_KEY: randomBytes(32).toString('base64') };
}

export function testCipher(keys: TestKeys = testKeys()): FieldCipher {
  return new FieldCipher(
    loadKeyring({ keys: keys.VCP_KEYS, indexKey: keys.VCP_INDEX_KEY, dataDir: '/nonexistent' }).input,
  );
}

export interface TestServerOptions {
  now?: () => Date;
  /** Config fields to override (e.g. smtpUrl), on top of the test defaults. */
  config?: Partial<Config>;
  /** The built web UI to serve (default dist/web, when built). */
  webDir?: string;
}

export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const database = await createTestDatabase();
  const base = loadConfig({});
  // Many accounts are registered from one loopback address; login keeps its real limit, which a test checks.
  const config = {
    ...base,
    dataDir: '/nonexistent',
    logLevel: 'info',
    rateLimits: { ...base.rateLimits, register: 10_000 },
    ...opts.config,
  };
  const keys = testKeys();
  const ctx = createContext(config, database, testCipher(keys));
  if (opts.now) ctx.now = opts.now;
  return listenOn(ctx, keys, database, opts.webDir);
}

function listenOn(ctx: AppContext, keys: TestKeys, database: TestDatabase, webDir?: string) {
  return listen(ctx, keys, database.url, () => database.close(), database, webDir);
}

/**
 * Stops `server` and starts a new one on the same data, with the same keys, config and clock: a restart. Nothing
 * held in memory survives. PGlite: the data folder is dumped, closed and opened again; PostgreSQL: a new pool (the
 * old one is ended, and the database dropped, when the new server closes).
 */
export async function restartTestServer(server: TestServer): Promise<TestServer> {
  const database = server.database;
  if (!database) throw new Error('this server cannot be restarted');
  let next: TestDatabase;
  if (database.dump) {
    const dump = await database.dump();
    await server.close();
    next = await reopenPglite(dump);
  } else {
    await server.app.close();
    const pool = new pg.Pool({ connectionString: server.databaseUrl, max: 10 });
    const fresh = fromPool(pool, () => {});
    next = {
      ...fresh,
      url: database.url,
      async close() {
        await pool.end();
        await database.close();
      },
    };
  }
  const ctx = createContext(server.ctx.config, next, server.ctx.cipher);
  ctx.now = server.ctx.now;
  return listenOn(ctx, server.keys, next);
}

/**
 * A second app instance on the same PostgreSQL database as `server`, with its own connection pool, the same
 * keys, config and clock: what several instances behind a load balancer are. Closing it leaves the database.
 * `databaseUrl` reaches the same database another way (through a test's TCP proxy).
 */
export async function startSecondInstance(
  server: TestServer,
  opts: { databaseUrl?: string } = {},
): Promise<TestServer> {
  if (!server.databaseUrl) throw new Error('a second instance needs a PostgreSQL database');
  const databaseUrl = opts.databaseUrl ?? server.databaseUrl;
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  const ctx = createContext(
    server.ctx.config,
    fromPool(pool, () => {}),
    server.ctx.cipher,
  );
  ctx.now = () => server.ctx.now();
  return listen(ctx, server.keys, databaseUrl, () => pool.end());
}

async function listen(
  ctx: AppContext,
  keys: TestKeys,
  databaseUrl: string | undefined,
  closeDatabase: () => Promise<void>,
  database?: TestDatabase,
  webDir?: string,
): Promise<TestServer> {
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      cb();
    },
  });
  const app = await buildApp(ctx, { logStream, ...(webDir === undefined ? {} : { webDir }) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  return {
    ctx,
    app,
    url,
    logs,
    keys,
    databaseUrl,
    ...(database ? { database } : {}),
    client: () => new TestClient(url, ctx),
    async close() {
      await app.close();
      await closeDatabase();
    },
  };
}

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies
export interface TestResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
  bytes: Buffer;
}

export interface RequestOptions {
  json?: unknown;
  form?: FormData;
  body?: string | Buffer;
  headers?: Record<string, string>;
  /** Aborts the request (e.g. AbortSignal.timeout): a hang becomes an error. */
  signal?: AbortSignal;
}

export class TestClient {
  private cookies = new Map<string, string>();

  /** `ctx`: the server's, to read the confirmation mail it queued (test/signUp.ts). */
  constructor(
    readonly baseUrl: string,
    private readonly ctx?: AppContext,
  ) {}

  /**
   * Signs up as an applicant the way a person does: register, then the link from the confirmation mail; the client
   * is signed in afterwards. Returns the confirmation's answer (200 with the user).
   */
  // biome-ignore lint/suspicious/noExplicitAny: see TestResponse
  async signUp<T = any>(body: { email: string; password: string; [k: string]: unknown }): Promise<TestResponse<T>> {
    if (!this.ctx) throw new Error('this client cannot read the server outbox');
    const reg = await this.post('/api/auth/register', body);
    if (reg.status !== 202) return reg as TestResponse<T>;
    const token = await mailedSignUpToken(this.ctx, body.email);
    if (!token) throw new Error(`no confirmation mail was queued for ${body.email}`);
    return this.post<T>('/api/auth/confirm-email', { token });
  }

  // biome-ignore lint/suspicious/noExplicitAny: see TestResponse
  async request<T = any>(method: string, path: string, opts: RequestOptions = {}): Promise<TestResponse<T>> {
    const headers: Record<string, string> = { ...opts.headers };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: BodyInit | undefined;
    if (opts.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.json);
    } else if (opts.form) {
      body = opts.form;
    } else if (opts.body !== undefined) {
      body = typeof opts.body === 'string' ? opts.body : new Uint8Array(opts.body);
    }
    const res = await fetch(this.baseUrl + path, {
      method,
      headers,
      body,
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [name, ...rest] = (pair ?? '').split('=');
      const value = rest.join('=');
      if (!name) continue;
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value);
    }
    const bytes = Buffer.from(await res.arrayBuffer());
    const text = bytes.toString('utf8');
    let parsed: unknown = text;
    if (res.headers.get('content-type')?.includes('application/json')) parsed = text ? JSON.parse(text) : null;
    return { status: res.status, headers: res.headers, body: parsed as T, text, bytes };
  }

  // biome-ignore lint/suspicious/noExplicitAny: see TestResponse
  get<T = any>(path: string, opts?: RequestOptions) {
    return this.request<T>('GET', path, opts);
  }
  // biome-ignore lint/suspicious/noExplicitAny: see TestResponse
  post<T = any>(path: string, json?: unknown, opts: RequestOptions = {}) {
    return this.request<T>('POST', path, { ...opts, ...(json === undefined ? {} : { json }) });
  }
  // biome-ignore lint/suspicious/noExplicitAny: see TestResponse
  put<T = any>(path: string, json?: unknown, opts: RequestOptions = {}) {
    return this.request<T>('PUT', path, { ...opts, ...(json === undefined ? {} : { json }) });
  }
  // biome-ignore lint/suspicious/noExplicitAny: see TestResponse
  delete<T = any>(path: string, opts?: RequestOptions) {
    return this.request<T>('DELETE', path, opts);
  }

  hasSession(): boolean {
    return this.cookies.has('vcp_session');
  }

  /** Uploads one file as multipart form data. */
  upload(filingId: string, kind: string | undefined, bytes: Buffer, fileName = 'proof.pdf') {
    const form = new FormData();
    if (kind !== undefined) form.append('kind', kind);
    form.append('file', new Blob([new Uint8Array(bytes)]), fileName);
    return this.request('POST', `/api/filings/${filingId}/attachments`, { form });
  }
}
