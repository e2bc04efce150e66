/**
 * The demo seed's row builder in a worker thread (SPEC §6): on PGlite the database runs in the seed's own thread, so
 * building batch k+1 (plans, forms, sealing, hashes) here while batch k is written there uses the second core.
 * It receives the run's parameters once (with the keyring, to seal as the seed would) and answers each position with
 * the batch built from it and encoded as COPY text (batch.ts, the same functions the seed runs without a worker), so
 * little more than strings cross to the seed's thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { FieldCipher, type KeyringInput } from '../crypto/fieldCipher.js';
import { type BatchPlan, buildBatch, encodeBatch, numbersFrom, type Position, planner } from './batch.js';
import type { DemoEnv } from './rows.js';

export interface WorkerInit {
  keyring: KeyringInput;
  env: Omit<DemoEnv, 'cipher' | 'numberOf'>;
  format: string;
  numberBase: Record<string, number>;
  n: number;
  batchSize: number;
  now: Date;
  passwordHash: string;
}

const init = workerData as WorkerInit;
const keyring: KeyringInput = {
  activeKid: init.keyring.activeKid,
  keys: Object.fromEntries(Object.entries(init.keyring.keys).map(([k, v]) => [k, Buffer.from(v)])),
  indexKey: Buffer.from(init.keyring.indexKey),
};
const files = Object.fromEntries(
  Object.entries(init.env.files).map(([k, f]) => [k, { ...f, bytes: Buffer.from(f.bytes) }]),
) as DemoEnv['files'];
const planOf = planner(init.env.seed, init.now);
const numbers = numbersFrom(init.format, init.numberBase, init.n, planOf);
const plan: BatchPlan = {
  env: { ...init.env, files, cipher: new FieldCipher(keyring), numberOf: (i) => numbers.get(i) ?? '' },
  n: init.n,
  batchSize: init.batchSize,
  now: init.now,
  passwordHash: init.passwordHash,
  planOf,
  onePerOwner: false,
};

parentPort?.on('message', (from: Position) => {
  try {
    parentPort?.postMessage({ built: encodeBatch(plan.env, buildBatch(plan, from)) });
  } catch (err) {
    parentPort?.postMessage({ error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
});
