import { describe, expect, it } from 'vitest';
import { toFieldPath, toNamePath } from './fieldPath.js';

describe('field paths', () => {
  it.each([
    [['platform', 'name'], 'platform.name'],
    [['platform', 'publishUrls', 0], 'platform.publishUrls[0]'],
    [['capital', 'shareholders', 2, 'percent'], 'capital.shareholders[2].percent'],
    [['management'], 'management'],
  ])('%j ⇄ %s', (segments, path) => {
    expect(toFieldPath(segments)).toBe(path);
    expect(toNamePath(path)).toEqual(segments);
  });

  it('reads numeric strings of a JSON pointer as indexes', () => {
    expect(toFieldPath('/platform/publishUrls/3'.split('/').filter(Boolean))).toBe('platform.publishUrls[3]');
  });
});
