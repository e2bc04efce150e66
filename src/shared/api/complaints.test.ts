import { describe, expect, it } from 'vitest';
import { closeComplaintBody, publicComplaintBody, staffComplaintBody, trackingCodeParam } from './complaints.js';

describe('complaint schemas', () => {
  const base = { category: 'unfiled', description: '该平台未备案却在收集漏洞信息', altcha: 'eyJ9' };

  it('accepts an anonymous complaint about an unfiled platform named by URL', () => {
    expect(publicComplaintBody.safeParse({ ...base, targetUrl: 'https://vuln.example.cn/' }).success).toBe(true);
  });

  it('names the field when the target, challenge or category is missing or wrong', () => {
    const noTarget = publicComplaintBody.safeParse(base);
    expect(noTarget.success).toBe(false);
    expect(noTarget.error?.issues[0]?.path).toEqual(['targetFilingNumber']);
    const noAltcha = publicComplaintBody.safeParse({ ...base, altcha: undefined, targetName: 'X 平台' });
    expect(noAltcha.error?.issues.map((i) => i.path[0])).toContain('altcha');
    const badCategory = publicComplaintBody.safeParse({ ...base, category: 'spam', targetName: 'X 平台' });
    expect(badCategory.error?.issues.map((i) => i.path[0])).toContain('category');
    const badEmail = publicComplaintBody.safeParse({ ...base, targetName: 'X', contact: { email: 'nope' } });
    expect(badEmail.error?.issues[0]?.path).toEqual(['contact', 'email']);
  });

  it('takes staff intake only by phone or email, without a challenge', () => {
    const { altcha: _a, ...rest } = base;
    expect(staffComplaintBody.safeParse({ ...rest, targetName: 'X', channel: 'phone' }).success).toBe(true);
    expect(staffComplaintBody.safeParse({ ...rest, targetName: 'X', channel: 'web' }).success).toBe(false);
    expect(closeComplaintBody.safeParse({ reply: '' }).success).toBe(false);
  });

  it('checks the shape of tracking codes', () => {
    expect(trackingCodeParam.safeParse('TS4K-9QXM-2B7D-H8PA').success).toBe(true);
    expect(trackingCodeParam.safeParse('../etc').success).toBe(false);
  });
});
