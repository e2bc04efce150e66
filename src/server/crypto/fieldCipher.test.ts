import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DecryptError, FieldCipher } from './fieldCipher.js';
import { sm3Hex } from './sm3.js';

const k1 = randomBytes(32);
const k2 = randomBytes(32);
const indexKey = randomBytes(32);

describe('SM3', () => {
  it('matches the GB/T 32905 test vectors', () => {
    expect(sm3Hex('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(sm3Hex('abcd'.repeat(16))).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });
});

describe('FieldCipher', () => {
  const cipher = new FieldCipher({ activeKid: 'k1', keys: { k1 }, indexKey });

  it('round-trips text and hides it', () => {
    const sealed = cipher.sealText('11010519491231002X', 'row-1');
    expect(sealed).not.toContain('11010519491231002X');
    expect(Buffer.from(sealed, 'base64').toString('latin1')).not.toContain('110105');
    expect(cipher.openText(sealed, 'row-1')).toBe('11010519491231002X');
  });

  it('uses a fresh IV each time', () => {
    expect(cipher.sealText('same')).not.toBe(cipher.sealText('same'));
  });

  it('refuses a tampered ciphertext', () => {
    const sealed = cipher.sealBytes(Buffer.from('13812345678'));
    const last = sealed.length - 1;
    sealed[last] = (sealed[last] as number) ^ 1;
    expect(() => cipher.openBytes(sealed)).toThrow(DecryptError);
  });

  it('refuses a ciphertext moved to another row (associated data)', () => {
    const sealed = cipher.sealText('zhang@example.com', 'row-1');
    expect(() => cipher.openText(sealed, 'row-2')).toThrow(/integrity/);
  });

  it('opens old data after rotation and seals with the new active key', () => {
    const old = cipher.sealText('before rotation');
    const rotated = new FieldCipher({ activeKid: 'k2', keys: { k1, k2 }, indexKey });
    expect(rotated.openText(old)).toBe('before rotation');
    const fresh = rotated.sealBytes(Buffer.from('after'));
    expect(fresh.subarray(2, 4).toString('ascii')).toBe('k2');
    expect(() => cipher.openBytes(fresh)).toThrow(/no key "k2"/);
  });

  it('gives a stable blind index that depends on the key', () => {
    const other = new FieldCipher({ activeKid: 'k1', keys: { k1 }, indexKey: randomBytes(32) });
    expect(cipher.blindIndex('a@b.cn')).toBe(cipher.blindIndex('a@b.cn'));
    expect(cipher.blindIndex('a@b.cn')).not.toBe(other.blindIndex('a@b.cn'));
  });

  it('rejects short keys and unknown active keys', () => {
    expect(() => new FieldCipher({ activeKid: 'k1', keys: { k1: randomBytes(8) }, indexKey })).toThrow();
    expect(() => new FieldCipher({ activeKid: 'kx', keys: { k1 }, indexKey })).toThrow();
  });
});
