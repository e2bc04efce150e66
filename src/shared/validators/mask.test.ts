import { describe, expect, it } from 'vitest';
import { maskEmail, maskIdNumber, maskMobile, maskPersonName } from './mask.js';

describe('maskPersonName', () => {
  it('keeps the first character of Chinese names', () => {
    expect(maskPersonName('张三')).toBe('张*');
    expect(maskPersonName('李小龙')).toBe('李**');
    expect(maskPersonName('欧阳娜娜')).toBe('欧***');
    expect(maskPersonName(' 张三 ')).toBe('张*');
  });

  it('masks latin names with first char + stars', () => {
    expect(maskPersonName('John')).toBe('J***');
    expect(maskPersonName('Li Lei')).toBe('L*****');
  });

  it('handles edge cases', () => {
    expect(maskPersonName('')).toBe('');
    expect(maskPersonName('张')).toBe('*');
    // astral-plane character counts as one
    expect(maskPersonName('𠮷野家')).toBe('𠮷**');
  });
});

describe('maskIdNumber', () => {
  it('keeps the first 6 and last 4 characters', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskIdNumber('91110000802100433B')).toBe('911100********433B');
    expect(maskIdNumber('12345678901')).toBe('123456*8901');
  });

  it('handles short values', () => {
    expect(maskIdNumber('')).toBe('');
    expect(maskIdNumber('E1234567')).toBe('E******7');
    expect(maskIdNumber('1234567890')).toBe('1********0');
    expect(maskIdNumber('ab')).toBe('**');
  });
});

describe('maskMobile', () => {
  it('keeps the first 3 and last 4 digits', () => {
    expect(maskMobile('13812345678')).toBe('138****5678');
    expect(maskMobile('+86 138-1234-5678')).toBe('138****5678');
  });

  it('fully masks very short values', () => {
    expect(maskMobile('')).toBe('');
    expect(maskMobile('1234567')).toBe('*******');
  });
});

describe('maskEmail', () => {
  it('keeps the first char of the local part and the domain', () => {
    expect(maskEmail('zhangsan@example.com')).toBe('z***@example.com');
    expect(maskEmail('a@example.com')).toBe('a***@example.com');
    expect(maskEmail(' li.lei@corp.example.cn ')).toBe('l***@corp.example.cn');
  });

  it('handles edge cases', () => {
    expect(maskEmail('')).toBe('');
    expect(maskEmail('zhangsan')).toBe('z***');
    expect(maskEmail('@example.com')).toBe('***@example.com');
  });
});
