import { describe, expect, it } from 'vitest';
import { checkIcpNumber, normalizeIcpNumber } from './icp.js';

describe('normalizeIcpNumber', () => {
  it('converts full-width digits and letters to half-width', () => {
    expect(normalizeIcpNumber('京ＩＣＰ备１６０２０６２６号－８')).toBe('京ICP备16020626号-8');
  });

  it('uppercases icp', () => {
    expect(normalizeIcpNumber('京icp备16020626号')).toBe('京ICP备16020626号');
    expect(normalizeIcpNumber('京Icp备16020626号')).toBe('京ICP备16020626号');
    expect(normalizeIcpNumber('京ｉｃｐ备16020626号')).toBe('京ICP备16020626号');
  });

  it('removes all whitespace, including U+3000', () => {
    expect(normalizeIcpNumber(' 京 ICP 备 16020626 号 - 8 ')).toBe('京ICP备16020626号-8');
    expect(normalizeIcpNumber('\u3000京ICP备\u300016020626号\t-8\n')).toBe('京ICP备16020626号-8');
  });

  it('unifies dash variants to "-"', () => {
    for (const dash of ['－', '—', '–', '\u2212', '\u2010', '\u2011']) {
      expect(normalizeIcpNumber(`苏ICP备2025160641号${dash}3`)).toBe('苏ICP备2025160641号-3');
    }
  });
});

describe('checkIcpNumber', () => {
  it.each([
    '京ICP备16020626号-8',
    '京ICP备16020626号',
    '苏ICP备2025160641号-3',
    '粤ICP备12345号',
    '沪ICP备1234567890号-1234',
    '琼ICP备88888888号-1',
    '藏ICP备10000000号',
  ])('accepts %s', (v) => {
    expect(checkIcpNumber(v)).toBeNull();
  });

  it('accepts every province abbreviation', () => {
    for (const p of '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼') {
      expect(checkIcpNumber(`${p}ICP备16020626号`)).toBeNull();
    }
  });

  it('accepts un-normalized input', () => {
    expect(checkIcpNumber(' 京ＩＣＰ备１６０２０６２６号—８ ')).toBeNull();
    expect(checkIcpNumber('京icp备 16020626 号 - 8')).toBeNull();
  });

  it('rejects empty input', () => {
    expect(checkIcpNumber('')).toBe('请填写ICP备案号');
    expect(checkIcpNumber(' \u3000 ')).toBe('请填写ICP备案号');
  });

  it('rejects an unknown or missing province abbreviation', () => {
    expect(checkIcpNumber('港ICP备16020626号')).toMatch(/省份简称/);
    expect(checkIcpNumber('ICP备16020626号')).toMatch(/省份简称/);
    expect(checkIcpNumber('北京ICP备16020626号')).toMatch(/省份简称/);
    expect(checkIcpNumber('京京ICP备16020626号')).toMatch(/格式错误/);
  });

  it('rejects the ICP operating licence form', () => {
    expect(checkIcpNumber('京ICP证030173号')).toMatch(/经营许可证/);
  });

  it('rejects wrong digit counts', () => {
    expect(checkIcpNumber('京ICP备1234号')).toMatch(/格式错误/);
    expect(checkIcpNumber('京ICP备12345678901号')).toMatch(/格式错误/);
  });

  it('rejects malformed suffixes and missing parts', () => {
    expect(checkIcpNumber('京ICP备16020626号-')).toMatch(/格式错误/);
    expect(checkIcpNumber('京ICP备16020626号-12345')).toMatch(/格式错误/);
    expect(checkIcpNumber('京ICP备16020626号-0')).toMatch(/格式错误/);
    expect(checkIcpNumber('京ICP备16020626号-08')).toMatch(/格式错误/);
    expect(checkIcpNumber('京ICP备16020626号-a')).toMatch(/格式错误/);
    expect(checkIcpNumber('京ICP备16020626-8')).toMatch(/格式错误/);
    expect(checkIcpNumber('京ICP16020626号')).toMatch(/格式错误/);
    expect(checkIcpNumber('京备16020626号')).toMatch(/格式错误/);
    expect(checkIcpNumber('京ICP备16020626号-8号')).toMatch(/格式错误/);
    expect(checkIcpNumber('京公网安备11000002000001号')).toMatch(/格式错误/);
  });
});
