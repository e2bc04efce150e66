import { describe, expect, it } from 'vitest';
import { toHalfWidth } from './text.js';

describe('toHalfWidth', () => {
  it('converts full-width ASCII variants and the ideographic space', () => {
    expect(toHalfWidth('９１１１ＡＢＣｘｙｚ－！～')).toBe('9111ABCxyz-!~');
    expect(toHalfWidth('\u3000a\u3000')).toBe(' a ');
  });

  it('leaves other characters untouched', () => {
    expect(toHalfWidth('京ICP备123号—中文')).toBe('京ICP备123号—中文');
    expect(toHalfWidth('')).toBe('');
    expect(toHalfWidth('😀')).toBe('😀');
  });
});
