/**
 * Refuses, at the edge and for every route, input no field of this system may hold: a NUL character or a lone
 * UTF-16 surrogate in any string or key of the body, query or path (PostgreSQL cannot store them, and a name that
 * holds one would break every later step of its filing), and JSON nested deeper than MAX_DEPTH. The answer is 400
 * naming the field, before validation, so nothing is changed.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { badRequest, fieldPath } from '../lib/errors.js';

export const MAX_DEPTH = 32;

/** NUL, a high surrogate not followed by a low one, or a low one not preceded by a high one (no `u` flag). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what is looked for
const BAD_TEXT_LOOSE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be taken, or null. */
export function badText(s: string): string | null {
  if (!BAD_TEXT_LOOSE.test(s)) return null;
  return s.includes('\u0000') ? '不能包含空字符（NUL）' : '包含无效的 Unicode 字符（孤立代理项）';
}

interface Problem {
  path: (string | number)[];
  message: string;
}

/** The first string, key or nesting level in `value` that cannot be taken; iterative, so any depth is safe. */
export function findBadInput(value: unknown, root: (string | number)[] = []): Problem | null {
  const stack: { v: unknown; path: (string | number)[] }[] = [{ v: value, path: root }];
  while (stack.length) {
    const { v, path } = stack.pop() as { v: unknown; path: (string | number)[] };
    if (typeof v === 'string') {
      const why = badText(v);
      if (why) return { path, message: why };
    } else if (v && typeof v === 'object') {
      if (path.length - root.length >= MAX_DEPTH) return { path, message: `嵌套层级过深（最多 ${MAX_DEPTH} 层）` };
      if (Array.isArray(v)) {
        for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: [...path, i] });
      } else {
        for (const [k, child] of Object.entries(v)) {
          const why = badText(k);
          if (why) return { path: [...path, k.replace(BAD_TEXT_LOOSE, '?')], message: why };
          stack.push({ v: child, path: [...path, k] });
        }
      }
    }
  }
  return null;
}

export const inputGuardPlugin = fp(async (app: FastifyInstance) => {
  app.addHook('preValidation', async (req) => {
    for (const [part, value] of [
      ['params', req.params],
      ['query', req.query],
      ['body', req.body],
    ] as const) {
      const problem = findBadInput(value);
      if (problem) {
        const field = fieldPath(problem.path) || part;
        throw badRequest(`${field}：${problem.message}`, [{ field, message: problem.message }]);
      }
    }
  });
});
