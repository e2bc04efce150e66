/**
 * Where the keys come from: VCP_KEYS / VCP_INDEX_KEY in the environment, or else a key file in DATA_DIR that is
 * created on first start (fine for one embedded instance; several instances on one server must share VCP_KEYS).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { KeyringInput } from './fieldCipher.js';

function parseKeyList(spec: string): { activeKid: string; keys: Record<string, Buffer> } {
  const keys: Record<string, Buffer> = {};
  let activeKid = '';
  for (const part of spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const at = part.indexOf(':');
    if (at < 1) throw new Error('VCP_KEYS must look like "kid:base64key,kid2:base64key2"');
    const kid = part.slice(0, at);
    keys[kid] = Buffer.from(part.slice(at + 1), 'base64');
    if (!activeKid) activeKid = kid;
  }
  if (!activeKid) throw new Error('VCP_KEYS holds no key');
  return { activeKid, keys };
}

interface KeyFile {
  activeKid: string;
  keys: Record<string, string>;
  indexKey: string;
}

export function loadKeyring(opts: { keys?: string | undefined; indexKey?: string | undefined; dataDir: string }): {
  input: KeyringInput;
  source: 'env' | 'file';
} {
  if (opts.keys) {
    if (!opts.indexKey) throw new Error('VCP_INDEX_KEY must be set together with VCP_KEYS');
    return { input: { ...parseKeyList(opts.keys), indexKey: Buffer.from(opts.indexKey, 'base64') }, source: 'env' };
  }
  const file = keyFilePath(opts.dataDir);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(opts.dataDir, { recursive: true });
    const fresh: KeyFile = {
      activeKid: 'k1',
      keys: { k1: randomBytes(32).toString('base64') },
      indexKey: randomBytes(32).toString('base64'),
    };
    fs.writeFileSync(file, JSON.stringify(fresh, null, 2), { mode: 0o600, flag: 'wx' });
  }
  const kf = JSON.parse(fs.readFileSync(file, 'utf8')) as KeyFile;
  const keys = Object.fromEntries(Object.entries(kf.keys).map(([k, v]) => [k, Buffer.from(v, 'base64')]));
  return { input: { activeKid: kf.activeKid, keys, indexKey: Buffer.from(kf.indexKey, 'base64') }, source: 'file' };
}

export const keyFilePath = (dataDir: string) => path.join(dataDir, 'keys.json');

function writeKeyFile(dataDir: string, kf: KeyFile): void {
  const file = keyFilePath(dataDir);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(kf, null, 2), { mode: 0o600 });
  fs.renameSync(tmp, file);
}

const readKeyFile = (dataDir: string) => JSON.parse(fs.readFileSync(keyFilePath(dataDir), 'utf8')) as KeyFile;

/** A key id not yet in `taken`: k1, k2 … */
export function nextKeyId(taken: readonly string[]): string {
  let n = taken.length + 1;
  while (taken.includes(`k${n}`)) n++;
  return `k${n}`;
}

/** A new random key in the form VCP_KEYS takes (`kid:base64`). */
export function newKeySpec(kid: string): string {
  return `${kid}:${randomBytes(32).toString('base64')}`;
}

/** Key rotation with the key file: a new key becomes the active one; the old ones stay, so old data still opens. */
export function addKeyToFile(dataDir: string): string {
  const kf = readKeyFile(dataDir);
  const kid = nextKeyId(Object.keys(kf.keys));
  writeKeyFile(dataDir, { ...kf, activeKid: kid, keys: { ...kf.keys, [kid]: randomBytes(32).toString('base64') } });
  return kid;
}

/** Drops a key from the key file (the caller has checked that nothing uses it); never the active one. */
export function removeKeyFromFile(dataDir: string, kid: string): void {
  const kf = readKeyFile(dataDir);
  if (kf.activeKid === kid) throw new Error(`key "${kid}" is the active key`);
  const { [kid]: _removed, ...keys } = kf.keys;
  writeKeyFile(dataDir, { ...kf, keys });
}
