import { describe, expect, it } from 'vitest';
import { checkEmail, checkHttpUrl, checkMobile, normalizeMobile } from './contact.js';

describe('normalizeMobile', () => {
  it('strips spaces, hyphens and the +86 / 0086 prefix', () => {
    expect(normalizeMobile('138 1234 5678')).toBe('13812345678');
    expect(normalizeMobile('138-1234-5678')).toBe('13812345678');
    expect(normalizeMobile('+86 138 1234 5678')).toBe('13812345678');
    expect(normalizeMobile('+86-13812345678')).toBe('13812345678');
    expect(normalizeMobile('0086 13812345678')).toBe('13812345678');
    expect(normalizeMobile('＋８６　１３８１２３４５６７８')).toBe('13812345678');
  });
});

describe('checkMobile', () => {
  it.each(['13812345678', '19912345678', '15000000000', '+86 138-1234-5678', '16612345678'])('accepts %s', (v) => {
    expect(checkMobile(v)).toBeNull();
  });

  it('rejects empty input', () => {
    expect(checkMobile('')).toBe('请填写手机号码');
    expect(checkMobile(' - ')).toBe('请填写手机号码');
  });

  it.each([
    '12812345678', // second digit 2
    '10812345678', // second digit 0
    '23812345678', // does not start with 1
    '1381234567', // 10 digits
    '138123456789', // 12 digits
    '1381234567a',
    '+85213812345678', // wrong country code
    '8613812345678', // "86" without "+" is not stripped
    '010-12345678', // landline
  ])('rejects %s', (v) => {
    expect(checkMobile(v)).toMatch(/手机号码格式错误/);
  });
});

describe('checkEmail', () => {
  it.each([
    'zhangsan@example.com',
    'zhang.san+vcp@mail.example.com.cn',
    'a@b.cn',
    '  security@corp.example.org  ',
    'user_name-1@sub-domain.example.io',
  ])('accepts %s', (v) => {
    expect(checkEmail(v)).toBeNull();
  });

  it('rejects empty input', () => {
    expect(checkEmail('')).toBe('请填写电子邮箱');
  });

  it.each([
    'zhangsan',
    'zhangsan@',
    '@example.com',
    'zhangsan@example',
    'zhang@san@example.com',
    'zhang san@example.com',
    'zhangsan@exa mple.com',
    'zhangsan@.example.com',
    'zhangsan@example.com.',
    'zhangsan@example..com',
    'zhangsan@-example.com',
    '.zhangsan@example.com',
    'zhang..san@example.com',
  ])('rejects %s', (v) => {
    expect(checkEmail(v)).not.toBeNull();
  });

  it('enforces length limits', () => {
    const domain = `${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.com`; // 186 chars
    const ok = `${'x'.repeat(64)}@${domain}`; // 64 + 1 + 186 = 251
    expect(ok.length).toBe(251);
    expect(checkEmail(ok)).toBeNull();
    expect(checkEmail(`${'x'.repeat(65)}@example.com`)).not.toBeNull();
    const tooLong = `${'x'.repeat(64)}@${'d'.repeat(60)}.${domain}`; // > 254
    expect(checkEmail(tooLong)).toBe('电子邮箱过长');
  });
});

describe('checkHttpUrl', () => {
  it.each([
    'https://www.example.com',
    'http://example.com/path?q=1#frag',
    'https://sub.example.com.cn:8443/a/b',
    'https://1.2.3.4/',
    '  https://example.com  ',
    'https://例子.中国/',
  ])('accepts %s', (v) => {
    expect(checkHttpUrl(v)).toBeNull();
  });

  it('rejects empty input', () => {
    expect(checkHttpUrl('')).toBe('请填写网址');
  });

  it('rejects unparseable values', () => {
    expect(checkHttpUrl('example.com')).toBe('网址格式错误');
    expect(checkHttpUrl('http://')).toBe('网址格式错误');
    expect(checkHttpUrl('https://exa mple.com')).toBe('网址格式错误');
  });

  it('rejects non-http(s) protocols', () => {
    for (const v of ['ftp://example.com', 'javascript:alert(1)', 'mailto:a@example.com', 'file:///etc/passwd']) {
      expect(checkHttpUrl(v)).toMatch(/http/);
    }
  });

  it('rejects hostnames without a dot (incl. localhost)', () => {
    expect(checkHttpUrl('http://localhost:3000')).toBe('网址域名无效');
    expect(checkHttpUrl('http://intranet/')).toBe('网址域名无效');
    expect(checkHttpUrl('http://[::1]/')).toBe('网址域名无效');
    expect(checkHttpUrl('http://example./')).toBe('网址域名无效');
  });

  it('rejects embedded credentials', () => {
    expect(checkHttpUrl('https://user:pass@example.com/')).toMatch(/用户名或密码/);
    expect(checkHttpUrl('https://good.example.com@evil.example.com/')).toMatch(/用户名或密码/);
  });

  it('enforces the 2048-character limit', () => {
    const base = 'https://example.com/';
    expect(checkHttpUrl(base + 'a'.repeat(2048 - base.length))).toBeNull();
    expect(checkHttpUrl(base + 'a'.repeat(2049 - base.length))).toMatch(/过长/);
  });
});
