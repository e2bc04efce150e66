import { describe, expect, it } from 'vitest';
import { judgeSecurityTxt } from './securityTxt.js';

const NOW = new Date('2026-12-01T00:00:00Z');
const URL_ = 'https://platform.example.cn/.well-known/security.txt';
const codes = (text: string, contentType = 'text/plain; charset=utf-8', status = 200) =>
  judgeSecurityTxt({ url: URL_, status, contentType, text }, NOW).map((f) => `${f.level}:${f.code}`);

describe('security.txt findings (RFC 9116)', () => {
  it('finds nothing wrong with a complete file', () => {
    expect(codes(`Contact: mailto:sec@example.cn\nExpires: 2027-06-01T00:00:00Z\nCanonical: ${URL_}\n`)).toEqual([]);
  });
  it('reports a missing file', () => expect(codes('', 'text/html', 404)).toEqual(['warning:missing']));
  it('reports no Contact and no Expires', () => {
    expect(codes('# only a comment\nPolicy: https://x.example.cn/p\n')).toEqual([
      'error:no_contact',
      'error:no_expires',
    ]);
  });
  it('reports an expired file and one that expires too far ahead', () => {
    expect(codes('Contact: mailto:a@b.cn\nExpires: 2026-01-01T00:00:00Z')).toEqual(['error:expired']);
    expect(codes('Contact: mailto:a@b.cn\nExpires: 2029-01-01T00:00:00Z')).toEqual(['warning:expires_too_far']);
  });
  it('reports a wrong content type and a Canonical that is elsewhere', () => {
    expect(
      codes(
        'Contact: mailto:a@b.cn\nExpires: 2027-01-01T00:00:00Z\nCanonical: https://other.example.cn/security.txt',
        'text/html',
      ),
    ).toEqual(['error:not_text_plain', 'warning:canonical_mismatch']);
  });
});
