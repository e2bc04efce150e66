/**
 * The web's zod settings (lib/zodConfig.ts) are written before zod is loaded, where zod keeps its global
 * configuration: zod loaded afterwards (as a page's chunk loads it) must run without eval and write its own messages
 * from the validation catalog.
 */
import { describe, expect, it } from 'vitest';
import './zodConfig.js';

describe('zod settings written before zod loads', () => {
  it('are the ones zod runs with', async () => {
    const { z } = await import('zod');
    expect(z.config().jitless).toBe(true);
    const result = z.object({ name: z.string().max(3) }).safeParse({ name: 'abcd' });
    expect(result.success).toBe(false);
    // The catalog's text, not zod's English default ("Too big: …").
    expect(result.error?.issues[0]?.message).toMatch(/不能超过 3 个字符$/);
  });
});
