import { describe, expect, it } from 'vitest';
import { checkHomepageUrl, isReservedIpv4 } from './homepage.js';

describe('checkHomepageUrl', () => {
  it.each([
    'https://www.vulbox.example.cn/',
    'http://bugs.example.com:8080/index.html',
    'https://8.8.8.8/',
    'https://203.0.114.1/',
  ])('accepts %s', (v) => {
    expect(checkHomepageUrl(v)).toBeNull();
  });

  it.each([
    ['ftp://www.example.cn/', 'http'],
    ['javascript:alert(1)', 'http'],
    ['https://admin:secret@www.example.cn/', '用户名或密码'],
    [`https://www.example.cn/${'a'.repeat(2050)}`, '2048'],
    ['https://localhost/', '域名无效'],
    ['http://[::1]/', '域名无效'],
  ])('refuses %s, saying why', (v, why) => {
    expect(checkHomepageUrl(v)).toContain(why);
  });

  it.each([
    'http://127.0.0.1/',
    'http://10.0.0.8/',
    'http://172.16.5.5:8080/',
    'http://192.168.1.1/',
    'http://169.254.169.254/latest/meta-data/',
    'http://100.64.0.1/',
    'http://0.0.0.0/',
    'http://224.0.0.1/',
    'http://255.255.255.255/',
    // Numeric forms the URL parser reads as 127.0.0.1.
    'http://2130706433/',
    'http://0x7f.1/',
    'http://127.1/',
  ])('refuses the private or reserved literal %s', (v) => {
    expect(checkHomepageUrl(v)).toBe('网址不能指向内网、本机或保留地址');
  });

  it('lets a private literal pass with allowPrivate (MONITOR_ALLOW_PRIVATE, tests against local sites)', () => {
    expect(checkHomepageUrl('http://127.0.0.1:4000/site/', { allowPrivate: true })).toBeNull();
  });

  it('knows the edges of the ranges', () => {
    expect(isReservedIpv4('172.15.255.255')).toBe(false);
    expect(isReservedIpv4('172.16.0.0')).toBe(true);
    expect(isReservedIpv4('172.31.255.255')).toBe(true);
    expect(isReservedIpv4('172.32.0.0')).toBe(false);
    expect(isReservedIpv4('www.example.cn')).toBe(false);
  });
});
