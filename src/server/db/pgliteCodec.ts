/**
 * PGlite's own bytea codec converts in JavaScript one byte at a time (`Array.from(bytes).map(toString(16))` out,
 * `parseInt` per byte pair in): a 64 KiB attachment chunk cost ~25 ms of main-thread CPU each way, which is what froze
 * the server during large uploads and downloads (issue 9, `npm run bench:upload`). These replace it: parameters go
 * to PostgreSQL as binary (raw bytes, no text at all) and results are decoded from hex by Node's native decoder.
 */
import type { PGliteOptions } from '@electric-sql/pglite';

const BYTEA = 17;

function serializeBytea(value: unknown): Uint8Array {
  if (!(value instanceof Uint8Array)) throw new Error('Invalid input for bytea type');
  return value;
}

function parseBytea(text: string): Uint8Array {
  // `\x…` is PostgreSQL's hex output format (the default bytea_output).
  const buf = Buffer.from(text.slice(2), 'hex');
  // A plain Uint8Array that owns its memory, as the built-in parser returned (a small Buffer views Node's shared pool).
  return new Uint8Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
}

/** Options for every PGlite instance the server and the tests open. */
export const pgliteCodec = {
  // PGlite sends a parameter that a serializer returns as bytes in binary format.
  serializers: { [BYTEA]: serializeBytea as unknown as (x: unknown) => string },
  parsers: { [BYTEA]: parseBytea },
} satisfies Pick<PGliteOptions, 'serializers' | 'parsers'>;
