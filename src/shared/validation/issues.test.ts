/**
 * Every field error the API or the web can produce is a code of the validation catalog with a text in Chinese and in
 * English that names the field: the schemas' own messages (`says`, `writes`), zod's generic ones (`zodIssue`), the
 * validators' (tested with them). Schemas may not carry a Chinese literal as a message any more, and every field of a
 * request schema has a name in both languages.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { partnerBody } from '../api/adminPartners.js';
import { SETTING_SCHEMAS } from '../api/adminSettings.js';
import { fieldKey, labelsCatalog } from '../i18n/locales/labels.js';
import { validationCatalog } from '../i18n/locales/validation.js';
import {
  carriedIssue,
  fieldName,
  isIssueCode,
  renderIssue,
  says,
  setIssueLanguage,
  writes,
  zodErrorMap,
  zodIssue,
} from './issues.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const walk = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? walk(full) : [full];
  });
const sources = (dir: string) =>
  walk(path.join(ROOT, dir)).filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f));

const CJK = /[\u4e00-\u9fff]/;
const SAMPLE = { field: 'platform.name', maximum: 5, minimum: 1, kinds: 'a, b', divisor: 2, total: 90 };

function lookup(lang: 'zh-CN' | 'en', code: string): string | undefined {
  let node: unknown = validationCatalog.resources[lang];
  for (const part of code.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  return typeof node === 'string' ? node : undefined;
}

/** The codes the sources name: `says('x')`, `writes('x')`. */
function codesInSources(): string[] {
  const found = new Set<string>();
  for (const f of [...sources('src/shared'), ...sources('src/server'), ...sources('src/web')]) {
    for (const m of fs.readFileSync(f, 'utf8').matchAll(/\b(?:says|writes)\(\s*'([\w.]+)'/g)) found.add(m[1] as string);
  }
  return [...found].sort();
}

/** Every kind of issue zod reports, as zodIssue maps it. */
const ZOD_RAW = [
  { code: 'too_big', origin: 'string', maximum: 5 },
  { code: 'too_big', origin: 'array', maximum: 5 },
  { code: 'too_big', origin: 'number', maximum: 5 },
  { code: 'too_small', origin: 'string', minimum: 1 },
  { code: 'too_small', origin: 'array', minimum: 1 },
  { code: 'too_small', origin: 'number', minimum: 1 },
  { code: 'invalid_format', format: 'email' },
  { code: 'invalid_format', format: 'url' },
  { code: 'invalid_format', format: 'date' },
  { code: 'invalid_format', format: 'regex' },
  { code: 'invalid_type', expected: 'string' },
  { code: 'invalid_type', expected: 'int' },
  { code: 'invalid_value' },
  { code: 'invalid_union' },
  { code: 'unrecognized_keys' },
  { code: 'not_multiple_of', divisor: 2 },
  { code: 'custom' },
];

afterEach(() => setIssueLanguage('zh-CN'));

// Reading every source file takes a few seconds on a busy machine.
describe('field error codes', { timeout: 60_000 }, () => {
  it('every code the schemas name has a text in Chinese and in English', () => {
    const codes = codesInSources();
    expect(codes.length).toBeGreaterThan(100);
    for (const code of codes) {
      expect(isIssueCode(code), code).toBe(true);
      const zh = lookup('zh-CN', code);
      const en = lookup('en', code);
      expect(zh, `zh ${code}`).toMatch(CJK);
      expect(en, `en ${code}`).toBeTruthy();
      expect(en, `en ${code}`).not.toMatch(CJK);
      for (const lang of ['zh-CN', 'en'] as const) {
        const text = renderIssue({ code, params: SAMPLE }, lang);
        expect(text, `${lang} ${code}`).not.toContain('{{');
      }
    }
  });

  it("zod's own issues map to texts that name the field, in both languages", () => {
    for (const raw of ZOD_RAW) {
      const found = zodIssue(raw);
      expect(isIssueCode(found.code), JSON.stringify(raw)).toBe(true);
      for (const lang of ['zh-CN', 'en'] as const) {
        const text = renderIssue({ code: found.code, params: { ...found.params, field: 'platform.name' } }, lang);
        expect(text, `${lang} ${found.code}`).toContain(lang === 'en' ? 'Platform name' : '平台名称');
        expect(text).not.toContain('{{');
        if (lang === 'en') expect(text).not.toMatch(CJK);
      }
    }
  });

  it('writes a schema message in the current language and carries its code in the issue', () => {
    const schema = z.object({ platform: z.object({ name: z.string().max(3, says('api.platformNameTooLong')) }) });
    const found = schema.safeParse({ platform: { name: 'abcdef' } }).error?.issues[0];
    expect(found?.message).toBe('平台名称不能超过 3 个字符');
    expect(carriedIssue(found)).toEqual({
      code: 'api.platformNameTooLong',
      params: { maximum: 3, field: 'platform.name' },
    });
    setIssueLanguage('en');
    expect(schema.safeParse({ platform: { name: 'abcdef' } }).error?.issues[0]?.message).toBe(
      'The platform name can have at most 3 characters',
    );
    // zod's own message names the field too.
    const generic = z.object({ reason: z.string().max(2) }).safeParse({ reason: 'abc' }, { error: zodErrorMap });
    expect(generic.error?.issues[0]?.message).toBe(`${fieldName('reason', 'en')}: at most 2 characters`);
    expect(carriedIssue(generic.error?.issues[0])).toEqual({
      code: 'zod.tooLong',
      params: { maximum: 2, field: 'reason' },
    });
  });

  it('two codes that share a Chinese text keep their own codes', () => {
    // zod.invalidType and zod.invalidFormat both say "…格式不正确".
    expect(lookup('zh-CN', 'zod.invalidType')).toBe(lookup('zh-CN', 'zod.invalidFormat'));
    const typed = z.object({ a: z.string() }).safeParse({ a: 1 }, { error: zodErrorMap });
    const formatted = z.object({ a: z.string().regex(/^x$/) }).safeParse({ a: 'y' }, { error: zodErrorMap });
    const issues = [...(typed.error?.issues ?? []), ...(formatted.error?.issues ?? [])];
    expect(issues[0]?.message).toBe(issues[1]?.message);
    expect(issues.map((i) => carriedIssue(i)?.code)).toEqual(['zod.invalidType', 'zod.invalidFormat']);
    // A refinement's issue (`writes`) and a refine with `says` carry theirs through zod as custom `params`.
    const refined = z
      .string()
      .superRefine((_v, c) => c.addIssue(writes('api.numberFormatChars')))
      .refine(() => false, says('api.dateRange'));
    const raised = refined.safeParse('x').error?.issues ?? [];
    expect(raised.map((i) => carriedIssue(i)?.code)).toEqual(['api.numberFormatChars', 'api.dateRange']);
  });

  it("a validator's finding in a refinement is written in the current language (the settings page's checks)", () => {
    const format = SETTING_SCHEMAS['filingNumber.format'];
    const zh = format.safeParse('VCP-{year}').error?.issues[0];
    expect(zh?.message).toBe('编号格式须包含 {seq} 或 {seq:N}');
    expect(carriedIssue(zh)?.code).toBe('api.numberFormatSeq');
    setIssueLanguage('en');
    expect(format.safeParse('VCP-{seq}').error?.issues[0]?.message).toBe('The number format must contain {year}');
    const url = partnerBody.safeParse({ webhookUrl: 'ftp://x.example.cn/' }).error?.issues[0];
    expect(url?.message).toBe(renderIssue({ code: 'url.protocol' }, 'en'));
    expect(carriedIssue(url)?.code).toBe('url.protocol');
  });

  it('no schema carries a Chinese literal as a message: each names a catalog code', () => {
    const CHECKS = new Set([
      'min',
      'max',
      'length',
      'regex',
      'refine',
      'email',
      'url',
      'uuid',
      'enum',
      'string',
      'number',
      'boolean',
      'int',
      'positive',
      'nonnegative',
      'array',
      'union',
      'literal',
      'addIssue',
      'partialRecord',
      'record',
    ]);
    const files = [
      ...sources('src/shared/api'),
      path.join(ROOT, 'src/shared/filing/schema.ts'),
      ...sources('src/server/routes').filter((f) => fs.readFileSync(f, 'utf8').includes("from 'zod'")),
      path.join(ROOT, 'src/server/lib/queryParams.ts'),
    ];
    const found: string[] = [];
    for (const file of files) {
      const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node) => {
        if (ts.isCallExpression(node)) {
          const callee = node.expression;
          const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
          if (name && CHECKS.has(name)) {
            const literals: ts.Node[] = [];
            for (const arg of node.arguments) {
              if (ts.isStringLiteralLike(arg) || ts.isTemplateExpression(arg)) literals.push(arg);
              if (ts.isObjectLiteralExpression(arg))
                for (const p of arg.properties)
                  if (ts.isPropertyAssignment(p) && ['message', 'error'].includes(p.name.getText(sf)))
                    literals.push(p.initializer);
            }
            for (const l of literals)
              if ((ts.isStringLiteralLike(l) || ts.isTemplateExpression(l)) && CJK.test(l.getText(sf))) {
                const line = sf.getLineAndCharacterOfPosition(l.getStart()).line + 1;
                found.push(`${path.relative(ROOT, file)}:${line} ${l.getText(sf)}`);
              }
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(sf);
    }
    expect(found).toEqual([]);
  });

  it('every field of a shared request schema has a name in both languages', async () => {
    const dir = path.join(ROOT, 'src/shared/api');
    const missing = new Set<string>();
    const visit = (prefix: string, s: unknown, depth: number) => {
      if (!(s instanceof z.ZodType) || depth > 8) return;
      const def = (s as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
      if (s instanceof z.ZodObject) {
        for (const [k, v] of Object.entries(s.shape as Record<string, unknown>)) {
          const field = prefix ? `${prefix}.${k}` : k;
          for (const lang of ['zh-CN', 'en'] as const) {
            const labels = labelsCatalog.resources[lang].field as Record<string, string>;
            if (!labels[fieldKey(field)]) missing.add(`${lang} ${field}`);
          }
          visit(field, v, depth + 1);
        }
        return;
      }
      for (const key of ['innerType', 'element', 'in', 'out', 'schema']) visit(prefix, def[key], depth + 1);
      for (const option of (def.options as unknown[] | undefined) ?? []) visit(prefix, option, depth + 1);
    };
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
      const mod = (await import(path.join(dir, file))) as Record<string, unknown>;
      for (const [name, value] of Object.entries(mod))
        if (/(Body|BodyBase|Params|Query|Fields|Shape)$/.test(name) && !/Response/.test(name)) visit('', value, 0);
    }
    expect([...missing].sort()).toEqual([]);
    expect(Object.keys(labelsCatalog.resources.en.field).sort()).toEqual(
      Object.keys(labelsCatalog.resources['zh-CN'].field).sort(),
    );
  });
});
