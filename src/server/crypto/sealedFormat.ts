/**
 * The sealed message format of personal data and attachment chunks, as pure functions of derived keys: SM4-CTR, then
 * HMAC-SM3 over the whole message (encrypt-then-MAC, since Node's OpenSSL has no SM4-GCM).
 *
 * Layout: version(1) | kidLength(1) | kid | iv(16) | tag(32) | ciphertext. The tag covers
 * version ‖ kidLength ‖ kid ‖ iv ‖ len(aad) ‖ aad ‖ ciphertext, so a ciphertext moved to another row does not open.
 *
 * FieldCipher (fieldCipher.ts) seals with these on the main thread; the crypto threads (cryptoWorker.ts) seal and
 * open attachment chunks with the very same functions, so both write the same bytes.
 */
import { createCipheriv, createDecipheriv, createHmac, timingSafeEqual } from 'node:crypto';

export const VERSION = 1;
export const IV_LEN = 16;
export const TAG_LEN = 32;

/** The SM4 key and the HMAC-SM3 key derived from one master key. */
export interface DerivedKey {
  enc: Buffer;
  mac: Buffer;
}

export class DecryptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecryptError';
  }
}

/** One HMAC over head ‖ kid ‖ iv ‖ len(aad) ‖ aad ‖ ct, without copying them together first. */
function tagOf(mac: Buffer, head: Buffer, kid: Buffer, iv: Buffer, ct: Buffer, aad: string): Buffer {
  const aadBuf = Buffer.from(aad, 'utf8');
  const aadLen = Buffer.alloc(4);
  aadLen.writeUInt32BE(aadBuf.length);
  return createHmac('sm3', mac).update(head).update(kid).update(iv).update(aadLen).update(aadBuf).update(ct).digest();
}

/** The body and the final block of a CTR stream, without a copy when the final block is empty (it always is). */
function joined(body: Buffer, last: Buffer): Buffer {
  return last.length ? Buffer.concat([body, last]) : body;
}

/** Seals `plain` with the key `kid` (its derived keys: `key`) and a fresh `iv` of IV_LEN bytes, bound to `aad`. */
export function sealWith(key: DerivedKey, kid: string, iv: Buffer, plain: Uint8Array, aad: string): Buffer {
  const kidBuf = Buffer.from(kid, 'ascii');
  const cipher = createCipheriv('sm4-ctr', key.enc, iv);
  const ct = joined(cipher.update(plain), cipher.final());
  const head = Buffer.from([VERSION, kidBuf.length]);
  return Buffer.concat([head, kidBuf, iv, tagOf(key.mac, head, kidBuf, iv, ct, aad), ct]);
}

/** Opens a sealed message bound to `aad`, with the derived keys `keyOf` gives for the key id it names. */
export function openWith(keyOf: (kid: string) => DerivedKey | undefined, sealed: Uint8Array, aad: string): Buffer {
  const buf = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  if (buf.length < 2 || buf[0] !== VERSION) throw new DecryptError('unknown ciphertext version');
  const kidLen = buf[1] as number;
  const ivAt = 2 + kidLen;
  const tagAt = ivAt + IV_LEN;
  const ctAt = tagAt + TAG_LEN;
  if (buf.length < ctAt) throw new DecryptError('ciphertext too short');
  const kid = buf.subarray(2, ivAt);
  const key = keyOf(kid.toString('ascii'));
  if (!key) throw new DecryptError(`no key "${kid.toString('ascii')}" in the keyring`);
  const iv = buf.subarray(ivAt, tagAt);
  const ct = buf.subarray(ctAt);
  const expected = tagOf(key.mac, buf.subarray(0, 2), kid, iv, ct, aad);
  if (!timingSafeEqual(buf.subarray(tagAt, ctAt), expected)) throw new DecryptError('integrity check failed');
  const decipher = createDecipheriv('sm4-ctr', key.enc, iv);
  return joined(decipher.update(ct), decipher.final());
}
