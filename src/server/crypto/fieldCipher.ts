/**
 * Authenticated encryption for personal data and attachments: SM4-CTR, then HMAC-SM3 over the whole sealed
 * message (encrypt-then-MAC, since Node's OpenSSL has no SM4-GCM). Every message carries the id of its key,
 * so keys can be rotated: new data uses the active key, old data still opens with the key it names.
 *
 * The sealed layout and the functions that write and read it are in sealedFormat.ts (the crypto threads use them
 * too). The tag covers the caller's associated data (e.g. the row id), so a ciphertext moved to another row does
 * not open.
 */
import { hkdfSync, randomFillSync } from 'node:crypto';
import { type DerivedKey, IV_LEN, openWith, sealWith } from './sealedFormat.js';
import { hmacSm3 } from './sm3.js';

export { DecryptError } from './sealedFormat.js';

/**
 * Fresh IVs from the CSPRNG, filled 256 at a time: one `randomBytes(16)` per sealed value was an eighth of the demo
 * seed's row building (SPEC §6). Each IV is handed out once and copied into its message.
 */
const ivPool = Buffer.alloc(IV_LEN * 256);
let ivNext = ivPool.length;
function freshIv(): Buffer {
  if (ivNext === ivPool.length) {
    randomFillSync(ivPool);
    ivNext = 0;
  }
  const iv = Buffer.from(ivPool.subarray(ivNext, ivNext + IV_LEN));
  ivNext += IV_LEN;
  return iv;
}

function derive(master: Buffer): DerivedKey {
  const enc = Buffer.from(hkdfSync('sm3', master, Buffer.alloc(0), 'vcp field enc', 16));
  const mac = Buffer.from(hkdfSync('sm3', master, Buffer.alloc(0), 'vcp field mac', 32));
  return { enc, mac };
}

export interface KeyringInput {
  /** The key new data is sealed with. */
  activeKid: string;
  /** Every key that may still open data: kid → 32 random bytes. */
  keys: Record<string, Buffer>;
  /** Key of the blind indexes (lookups by email); it is never rotated, or the indexes would have to be rebuilt. */
  indexKey: Buffer;
}

export class FieldCipher {
  private readonly keys = new Map<string, DerivedKey>();
  private readonly activeKid: string;
  private readonly indexKey: Buffer;
  private readonly input: KeyringInput;

  constructor(input: KeyringInput) {
    this.input = input;
    for (const [kid, master] of Object.entries(input.keys)) {
      if (!/^[A-Za-z0-9_-]{1,32}$/.test(kid)) throw new Error(`invalid key id "${kid}"`);
      if (master.length < 32) throw new Error(`key "${kid}" must be at least 32 bytes`);
      this.keys.set(kid, derive(master));
    }
    if (!this.keys.has(input.activeKid)) throw new Error(`active key "${input.activeKid}" is not in the keyring`);
    if (input.indexKey.length < 32) throw new Error('the index key must be at least 32 bytes');
    this.activeKid = input.activeKid;
    this.indexKey = input.indexKey;
  }

  /**
   * The keyring this cipher was made from, for a worker thread of this same process that seals too (the demo seed's
   * row builder, demo/buildWorker.ts). Never to be logged, stored or sent anywhere else.
   */
  keyringForWorker(): KeyringInput {
    return this.input;
  }

  /**
   * The derived SM4 and HMAC-SM3 keys of every key id (never the master keys, never the index key), for the crypto
   * threads of this same process that seal and open attachment chunks (crypto/cryptoPool.ts). Never to be logged,
   * stored or sent anywhere else.
   */
  chunkKeysForWorker(): { activeKid: string; keys: [kid: string, enc: Buffer, mac: Buffer][] } {
    return { activeKid: this.activeKid, keys: [...this.keys].map(([kid, k]) => [kid, k.enc, k.mac]) };
  }

  /** The key new data is sealed with. */
  get activeKeyId(): string {
    return this.activeKid;
  }

  /** Every key id the keyring can open. */
  get keyIds(): string[] {
    return [...this.keys.keys()];
  }

  /** Whether a key of this id is in the keyring (it may still be another key with the same id). */
  hasKey(kid: string): boolean {
    return this.keys.has(kid);
  }

  sealBytes(plaintext: Uint8Array, aad = ''): Buffer {
    return sealWith(this.keys.get(this.activeKid) as DerivedKey, this.activeKid, freshIv(), plaintext, aad);
  }

  openBytes(sealed: Uint8Array, aad = ''): Buffer {
    return openWith((kid) => this.keys.get(kid), sealed, aad);
  }

  /** Seals a UTF-8 string into base64 text, for text columns. */
  sealText(plaintext: string, aad = ''): string {
    return this.sealBytes(Buffer.from(plaintext, 'utf8'), aad).toString('base64');
  }

  openText(sealed: string, aad = ''): string {
    return this.openBytes(Buffer.from(sealed, 'base64'), aad).toString('utf8');
  }

  sealJson(value: unknown, aad = ''): string {
    return this.sealText(JSON.stringify(value), aad);
  }

  openJson<T>(sealed: string, aad = ''): T {
    return JSON.parse(this.openText(sealed, aad)) as T;
  }

  /** A keyed, deterministic digest for equality lookups of a secret value (a blind index). */
  blindIndex(value: string): string {
    return hmacSm3(this.indexKey, value).toString('hex');
  }
}
