/**
 * The SM2 key that signs the transparency log's tree heads (SPEC §11):
 *   signature = base64(DER(crypto.sign('sm3', Buffer.from(`${treeSize}.${rootHash}.${timestamp}`), key)))
 * (Node's OpenSSL 3: an SM2 signature with SM3 and OpenSSL 3's default distinguishing ID; anyone can check one with
 * `openssl dgst -sm3 -verify key.pem -signature head.sig head.txt`).
 *
 * Where the key comes from: the setting VCP_LOG_KEY (an SM2 private key, PKCS#8 PEM) when set; otherwise it is derived
 * from the index key of the key store (crypto/keys.ts: DATA_DIR/keys.json, or VCP_INDEX_KEY), the same way the
 * ALTCHA key is, so every instance sharing the keys signs with the same SM2 key and nothing new must be kept safe.
 * The public key is published at GET /api/public/log/key.
 */
import { createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import type { FieldCipher } from '../crypto/fieldCipher.js';
import { sm3Hex } from '../crypto/sm3.js';

/** The order n of the SM2 curve's base point (GB/T 32918.5). */
const SM2_N = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123');
/** DER of SEC 1 ECPrivateKey { version 1, privateKey (32 bytes), parameters [0] OID sm2 } around the scalar. */
const SEC1_HEAD = '30310201010420';
const SEC1_TAIL = 'a00a06082a811ccf5501822d';

export interface TreeHead {
  treeSize: number;
  rootHash: string;
  timestamp: string;
  signature: string;
}

export const headMessage = (h: Pick<TreeHead, 'treeSize' | 'rootHash' | 'timestamp'>) =>
  Buffer.from(`${h.treeSize}.${h.rootHash}.${h.timestamp}`);

/** An SM2 private key from 32 seed bytes: d = seed mod (n − 1) + 1. */
export function sm2KeyFromSeed(seed: Buffer): KeyObject {
  const d = (BigInt(`0x${seed.toString('hex')}`) % (SM2_N - 1n)) + 1n;
  const der = Buffer.from(`${SEC1_HEAD}${d.toString(16).padStart(64, '0')}${SEC1_TAIL}`, 'hex');
  return createPrivateKey({ key: der, format: 'der', type: 'sec1' });
}

/** The SM2 curve's OID (1.2.156.10197.1.301) in DER. */
const SM2_OID = '06082a811ccf5501822d';

/**
 * The key as OpenSSL's SM2 key type. A key made by generateKeyPair('ec', { namedCurve: 'SM2' }) is an EC key on the
 * SM2 curve and would sign ECDSA, not SM2; one read from DER or PEM is an SM2 key (Node names no type for it).
 */
function asSm2(key: KeyObject): KeyObject {
  if (key.type !== 'private') throw new Error('the transparency log key must be an SM2 private key');
  const der = key.export({ type: 'pkcs8', format: 'der' });
  if (!der.toString('hex').includes(SM2_OID)) throw new Error('the transparency log key must be an SM2 private key');
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
}

export class LogSigner {
  readonly publicKey: KeyObject;
  /** PEM (SPKI) of the public key, as GET /api/public/log/key serves it. */
  readonly publicKeyPem: string;
  /** SM3 of the public key's SPKI DER, hex. */
  readonly keyId: string;

  private readonly privateKey: KeyObject;

  constructor(privateKey: KeyObject) {
    this.privateKey = asSm2(privateKey);
    this.publicKey = createPublicKey(this.privateKey);
    this.publicKeyPem = this.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    this.keyId = publicKeyId(this.publicKey);
  }

  /** VCP_LOG_KEY (PEM; `\n` may be written as the two characters) or else derived from the cipher's index key. */
  static load(setting: string | undefined, cipher: FieldCipher): LogSigner {
    if (setting) {
      const pem = setting.includes('\\n') ? setting.replace(/\\n/g, '\n') : setting;
      let key: KeyObject;
      try {
        key = createPrivateKey(pem);
      } catch {
        throw new Error('VCP_LOG_KEY must be an SM2 private key in PEM (PKCS#8)');
      }
      return new LogSigner(key);
    }
    return new LogSigner(sm2KeyFromSeed(Buffer.from(cipher.blindIndex('transparency-log:sm2-key:v1'), 'hex')));
  }

  sign(head: Omit<TreeHead, 'signature'>): TreeHead {
    return { ...head, signature: sign('sm3', headMessage(head), this.privateKey).toString('base64') };
  }
}

export function publicKeyId(key: KeyObject): string {
  return sm3Hex(key.export({ type: 'spki', format: 'der' }));
}

/** Does `head` carry a valid SM2 signature by `publicKey` (a KeyObject or PEM)? */
export function verifyHead(head: TreeHead, publicKey: KeyObject | string): boolean {
  try {
    const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
    return verify('sm3', headMessage(head), key, Buffer.from(head.signature, 'base64'));
  } catch {
    return false;
  }
}
