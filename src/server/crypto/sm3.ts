/** SM3 (GB/T 32905) helpers on Node's OpenSSL. */
import { createHash, createHmac } from 'node:crypto';

export function sm3Hex(data: string | Uint8Array): string {
  return createHash('sm3').update(data).digest('hex');
}

export function hmacSm3(key: Uint8Array, data: string | Uint8Array): Buffer {
  return createHmac('sm3', key).update(data).digest();
}
