/**
 * PGlite on its own thread (issue 9, finding 1). PGlite is PostgreSQL compiled to WebAssembly and runs, with its file
 * writes, on the thread that calls it: on the server's main thread every statement holds every other request, and a
 * large upload or download is a long row of statements. Here the database lives in a worker thread and the main thread
 * holds a small stand-in with the two methods Drizzle's PGlite driver calls, `query` and `transaction`: each
 * statement goes over a message port, the worker runs it on a real PGlite and posts the rows back.
 *
 * Semantics are PGlite's own: one connection; a statement outside a transaction waits for an open transaction to end;
 * a transaction is BEGIN … COMMIT on the worker, driven statement by statement from here, and rolled back when the
 * callback throws. Result values are parsed on the worker with the parsers Drizzle asks for (timestamps, dates and
 * intervals as text) and `db/pgliteCodec.ts`'s bytea codec; errors come back with their SQLSTATE and fields.
 *
 * The worker's code is a string evaluated as CommonJS, so that the same file works from the build, under tsx and
 * under vitest, none of which would otherwise agree on how to load a TypeScript worker.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { PGlite, Results } from '@electric-sql/pglite';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { PGlite } = require(workerData.pglite);
const BYTEA = 17;
const raw = (v) => v;
// What Drizzle's PGlite session passes with every query (drizzle-orm/pglite/session.js): text, not Date objects.
const PARSERS = { 1114: raw, 1184: raw, 1186: raw, 1082: raw, 1231: raw, 1115: raw, 1185: raw, 1187: raw, 1182: raw };
const codec = {
  serializers: { [BYTEA]: (v) => { if (!(v instanceof Uint8Array)) throw new Error('Invalid input for bytea type'); return v; } },
  parsers: { [BYTEA]: (text) => { const b = Buffer.from(text.slice(2), 'hex'); return new Uint8Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)); } },
};
const txs = new Map();
let nextTx = 1;
let pg;

function errorOf(err) {
  const out = { message: String(err && err.message || err), name: err && err.name || 'Error', stack: err && err.stack };
  if (err && typeof err === 'object') for (const [k, v] of Object.entries(err)) if (typeof v !== 'function' && typeof v !== 'object') out[k] = v;
  return out;
}
// The bytes of bytea values are moved to the main thread, not copied (each parsed value owns its ArrayBuffer).
function movables(result) {
  const out = new Set();
  if (result && Array.isArray(result.rows) && result.fields && result.fields.some((f) => f.dataTypeID === BYTEA)) {
    for (const row of result.rows) {
      for (const v of Array.isArray(row) ? row : Object.values(row)) {
        if (v instanceof Uint8Array && v.byteOffset === 0 && v.byteLength === v.buffer.byteLength) out.add(v.buffer);
      }
    }
  }
  return [...out];
}
const reply = (id, result) => {
  try {
    parentPort.postMessage({ id, ok: true, result }, movables(result));
  } catch {
    parentPort.postMessage({ id, ok: true, result });
  }
};
const fail = (id, err) => parentPort.postMessage({ id, ok: false, error: errorOf(err) });

async function handle(msg) {
  switch (msg.op) {
    case 'open':
      pg = msg.loadDataDir ? await PGlite.create({ ...codec, loadDataDir: msg.loadDataDir }) : await PGlite.create(msg.dataDir, codec);
      return null;
    case 'dump':
      return await pg.dumpDataDir('none');
    case 'query': {
      const target = msg.tx ? txs.get(msg.tx) : { tx: pg };
      if (!target) throw new Error('Transaction is closed');
      const r = await target.tx.query(msg.sql, msg.params, { rowMode: msg.rowMode, parsers: PARSERS });
      return { rows: r.rows, fields: r.fields, affectedRows: r.affectedRows };
    }
    case 'begin': {
      const id = nextTx++;
      return await new Promise((started, refused) => {
        const done = pg.transaction((tx) => new Promise((commit, rollback) => {
          txs.set(id, { tx, commit, rollback });
          started(id);
        }));
        done.then(() => txs.get(id)?.settled?.(null), (err) => txs.get(id)?.settled?.(err)).finally(() => txs.delete(id));
        done.catch(refused);
      });
    }
    case 'end': {
      const t = txs.get(msg.tx);
      if (!t) throw new Error('Transaction is closed');
      const settled = new Promise((resolve) => { t.settled = resolve; });
      if (msg.commit) t.commit(); else t.rollback(new Error('rollback'));
      const err = await settled;
      if (err && msg.commit) throw err;
      return null;
    }
    case 'close':
      await pg.close();
      return null;
  }
  throw new Error('unknown operation ' + msg.op);
}

parentPort.on('message', (msg) => { handle(msg).then((r) => reply(msg.id, r), (e) => fail(msg.id, e)); });
`;

type Pending = { resolve: (v: unknown) => void; reject: (e: unknown) => void };
type RowMode = 'array' | 'object';
interface QueryOptions {
  rowMode?: RowMode;
  /** Refused here: see `query`. */
  blob?: Blob;
}

/** An error as the worker sent it, with its SQLSTATE (`code`) and the other fields PGlite gave it. */
function rebuildError(e: Record<string, unknown>): Error {
  const err = new Error(String(e.message));
  Object.assign(err, e);
  return err;
}

export class PgliteThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private exited: Error | null = null;

  private constructor() {
    const pglite = createRequire(import.meta.url).resolve('@electric-sql/pglite');
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { pglite } });
    this.worker.on('message', (msg: { id: number; ok: boolean; result?: unknown; error?: Record<string, unknown> }) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.ok) p.resolve(msg.result);
      else p.reject(rebuildError(msg.error ?? {}));
    });
    const gone = (err: Error) => {
      this.exited = err;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    this.worker.on('error', gone);
    this.worker.on('exit', (code) => gone(new Error(`the database thread stopped (exit code ${code})`)));
  }

  /** Opens the database in `dataDir` on a new thread (or, for tests, an in-memory copy of a dump). */
  static async create(source: { dataDir: string } | { loadDataDir: Blob }): Promise<PgliteThread> {
    const thread = new PgliteThread();
    try {
      await thread.call({ op: 'open', ...source });
    } catch (err) {
      await thread.worker.terminate();
      throw err;
    }
    return thread;
  }

  private call<T>(msg: Record<string, unknown>): Promise<T> {
    if (this.exited) return Promise.reject(this.exited);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...msg, id });
    });
  }

  query<T>(sql: string, params: unknown[] = [], opts: QueryOptions = {}, tx?: number): Promise<Results<T>> {
    // Only the row mode crosses to the thread: a COPY's blob would be dropped and the COPY would wait for ever.
    if (opts.blob !== undefined)
      return Promise.reject(new Error('COPY from a blob is not carried to the database thread'));
    return this.call<Results<T>>({ op: 'query', sql, params, rowMode: opts.rowMode ?? 'object', tx });
  }

  /** BEGIN on the worker, `fn` with a handle whose statements run inside, then COMMIT (ROLLBACK when it throws). */
  async transaction<T>(fn: (tx: { query: PgliteThread['query'] }) => Promise<T>): Promise<T> {
    const tx = await this.call<number>({ op: 'begin' });
    let result: T;
    try {
      result = await fn({ query: (sql, params, opts) => this.query(sql, params, opts, tx) });
    } catch (err) {
      await this.call({ op: 'end', tx, commit: false });
      throw err;
    }
    await this.call({ op: 'end', tx, commit: true });
    return result;
  }

  /** The data folder as a tarball (PGlite's `dumpDataDir`), for tests that restart on the same data. */
  dumpDataDir(): Promise<Blob> {
    return this.call<Blob>({ op: 'dump' });
  }

  async close(): Promise<void> {
    if (!this.exited) await this.call({ op: 'close' });
    await this.worker.terminate();
  }

  /** As Drizzle's PGlite driver expects its client (it calls only `query` and `transaction`). */
  asClient(): PGlite {
    return this as unknown as PGlite;
  }
}
