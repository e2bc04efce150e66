import { describe, expect, it } from 'vitest';
import { judgeSelfCheck, parseSelfCheck } from './selfCheck.js';

describe('the Article 2 self-check', () => {
  const all = { collects: true, inChina: true, others: true, ownFixOnly: false };

  it('asks a platform collecting others’ vulnerabilities in China to file, before launch or by Article 8', () => {
    expect(judgeSelfCheck({ ...all, online: false })).toEqual({ kind: 'mustFile', timing: 'beforeLaunch' });
    expect(judgeSelfCheck({ ...all, online: true })).toEqual({ kind: 'mustFile', timing: 'alreadyOnline' });
  });

  it('exempts platforms that collect nothing, only their own, only to fix their own, or outside China', () => {
    expect(judgeSelfCheck({ collects: false })).toEqual({ kind: 'notCollecting' });
    expect(judgeSelfCheck({ ...all, others: false, online: true })).toEqual({ kind: 'ownOnly' });
    expect(judgeSelfCheck({ ...all, ownFixOnly: true })).toEqual({ kind: 'ownOnly' });
    expect(judgeSelfCheck({ ...all, inChina: false })).toEqual({ kind: 'outsideChina' });
  });

  it('names the questions still open', () => {
    expect(judgeSelfCheck({})).toMatchObject({ kind: 'incomplete' });
    expect(judgeSelfCheck({ collects: true, inChina: true })).toEqual({
      kind: 'incomplete',
      missing: ['others', 'ownFixOnly', 'online'],
    });
  });

  it('reads yes and no from the query and ignores anything else', () => {
    expect(parseSelfCheck({ collects: 'yes', inChina: 'no', others: 'maybe', online: ['yes'] })).toEqual({
      collects: true,
      inChina: false,
    });
  });
});
