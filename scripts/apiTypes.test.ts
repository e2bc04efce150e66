/**
 * One source of API types (issue 14): what the server sends and accepts is a zod schema of src/shared/api, used by the
 * server's routes (validation, serialisation, OpenAPI) and, as `z.infer` types, by the web's fetchers. This fails when
 * a web file declares an API shape by hand again:
 * - a fetcher module (src/web/features/<feature>/api/*.ts, src/web/lib/api.ts) declares an interface or an object type
 *   (hook parameters the page holds may, marked `@uiState` in their doc comment);
 * - a call of `api`, `parse` or `uploadWithProgress` anywhere in the web names its answer with an inline type, or
 *   with a type that is neither imported from src/shared/api (or a fetcher module) nor an alias in a fetcher module;
 * - any web file declares an object type with four or more fields that are all fields of one shared response schema
 *   (a copy of part of a response), unless marked `@uiState`.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

const ROOT = path.resolve(import.meta.dirname, '..');
const WEB = path.join(ROOT, 'src/web');
const SHARED_API = path.join(ROOT, 'src/shared/api');

const walk = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? walk(full) : [full];
  });

const webFiles = walk(WEB).filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f));
const isFetcherModule = (file: string) =>
  /src\/web\/features\/[^/]+\/api\/[^/]+\.ts$/.test(file) || file.endsWith('src/web/lib/api.ts');

/** Field sets of every object schema reachable from the exports of src/shared/api. */
async function sharedObjectKeySets(): Promise<{ name: string; keys: Set<string> }[]> {
  const out: { name: string; keys: Set<string> }[] = [];
  const seen = new Set<unknown>();
  const visit = (name: string, s: unknown, depth: number) => {
    if (!(s instanceof z.ZodType) || seen.has(s) || depth > 12) return;
    seen.add(s);
    const def = (s as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
    if (s instanceof z.ZodObject) {
      const shape = s.shape as Record<string, unknown>;
      out.push({ name, keys: new Set(Object.keys(shape)) });
      for (const [k, v] of Object.entries(shape)) visit(`${name}.${k}`, v, depth + 1);
      return;
    }
    for (const key of ['innerType', 'element', 'in', 'out', 'schema', 'valueType']) visit(name, def[key], depth + 1);
    for (const option of (def.options as unknown[] | undefined) ?? []) visit(name, option, depth + 1);
  };
  for (const file of fs.readdirSync(SHARED_API).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
    const mod = (await import(path.join(SHARED_API, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) visit(`${file}:${name}`, value, 0);
  }
  return out;
}

const hasUiStateTag = (node: ts.Node) => ts.getJSDocTags(node).some((t) => t.tagName.text === 'uiState');

function containsTypeLiteral(node: ts.Node): boolean {
  if (ts.isTypeLiteralNode(node) || ts.isMappedTypeNode(node)) return true;
  return ts.forEachChild(node, (c) => (containsTypeLiteral(c) ? true : undefined)) ?? false;
}

/** Names a file imports, with the module each comes from. */
function importsOf(sf: ts.SourceFile): Map<string, string> {
  const names = new Map<string, string>();
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier)) continue;
    const from = st.moduleSpecifier.text;
    const bindings = st.importClause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings)) for (const el of bindings.elements) names.set(el.name.text, from);
  }
  return names;
}

const FETCHERS = new Set(['api', 'parse', 'uploadWithProgress']);
const ALLOWED_ANSWERS = new Set(['unknown', 'void']);

interface Finding {
  file: string;
  line: number;
  what: string;
}

/** The findings in one web source file; `sharedKeys` are the field sets of the shared schemas. */
function checkWebFile(file: string, source: string, sharedKeys: { name: string; keys: Set<string> }[]): Finding[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const findings: Finding[] = [];
  const at = (node: ts.Node, what: string) =>
    findings.push({
      file: path.relative(ROOT, file),
      line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1,
      what,
    });
  const imports = importsOf(sf);
  const localAliases = new Set<string>();
  const fetcher = isFetcherModule(file);

  const copyOf = (members: ts.NodeArray<ts.TypeElement>): string | undefined => {
    const names = members
      .filter((m) => ts.isPropertySignature(m) && m.name && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name)))
      .map((m) => (m.name as ts.Identifier | ts.StringLiteral).text);
    if (names.length < 4) return undefined;
    return sharedKeys.find((s) => names.every((n) => s.keys.has(n)))?.name;
  };

  const visit = (node: ts.Node) => {
    if (ts.isInterfaceDeclaration(node) && !hasUiStateTag(node)) {
      if (fetcher) at(node, `interface ${node.name.text} in a fetcher module: use a type of src/shared/api`);
      else {
        const copy = copyOf(node.members);
        if (copy) at(node, `interface ${node.name.text} copies fields of ${copy}`);
      }
    }
    if (ts.isTypeAliasDeclaration(node)) {
      if (fetcher) localAliases.add(node.name.text);
      if (!hasUiStateTag(node)) {
        if (fetcher && containsTypeLiteral(node.type))
          at(node, `type ${node.name.text} declares an object type in a fetcher module`);
        const literals: ts.TypeLiteralNode[] = [];
        const collect = (n: ts.Node) => {
          if (ts.isTypeLiteralNode(n)) literals.push(n);
          ts.forEachChild(n, collect);
        };
        collect(node.type);
        for (const lit of literals) {
          const copy = copyOf(lit.members);
          if (copy) at(lit, `type ${node.name.text} copies fields of ${copy}`);
        }
      }
    }
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && FETCHERS.has(node.expression.text)) {
      for (const arg of node.typeArguments ?? []) {
        if (ALLOWED_ANSWERS.has(arg.getText(sf))) continue;
        if (!ts.isTypeReferenceNode(arg) || containsTypeLiteral(arg)) {
          at(arg, `${node.expression.text}<${arg.getText(sf)}>: name the answer with a type of src/shared/api`);
          continue;
        }
        let name = arg.typeName.getText(sf).split('.')[0] as string;
        // z.infer<typeof schema> (or z.input, z.output): the schema must be imported.
        const inner = arg.typeArguments?.[0];
        if (name === 'z' && inner && ts.isTypeQueryNode(inner))
          name = inner.exprName.getText(sf).split('.')[0] as string;
        const from = imports.get(name);
        const ok =
          (from !== undefined && (/\/shared\/api\//.test(from) || /(^|\/)api\/[^/]+\.js$/.test(from))) ||
          (fetcher && localAliases.has(name)) ||
          // A generic parameter of the enclosing function (e.g. a mutation helper's `R extends FilingResponse`).
          (from === undefined && /^[A-Z]$/.test(name));
        if (!ok) at(arg, `${node.expression.text}<${name}>: ${name} does not come from src/shared/api`);
      }
    }
    ts.forEachChild(node, visit);
  };
  // Aliases first (a fetcher may call api<X> above `type X = …`).
  ts.forEachChild(sf, (n) => {
    if (ts.isTypeAliasDeclaration(n) && fetcher) localAliases.add(n.name.text);
  });
  visit(sf);
  return findings;
}

// Parsing every web file takes a few seconds on a busy machine.
describe('API types come from src/shared/api', { timeout: 60_000 }, () => {
  it('no web file declares a request or response shape by hand', async () => {
    const shared = await sharedObjectKeySets();
    expect(shared.length).toBeGreaterThan(50);
    const findings = webFiles.flatMap((f) => checkWebFile(f, fs.readFileSync(f, 'utf8'), shared));
    expect(findings.map((f) => `${f.file}:${f.line} ${f.what}`)).toEqual([]);
  });

  it('catches a hand copy, an inline answer type and a copied part of a response', async () => {
    const shared = await sharedObjectKeySets();
    const fetcher = path.join(WEB, 'features/probe/api/probe.ts');
    const probe = `import { api } from '../../../lib/api.js';
export interface Filing { id: string; status: string }
export type Row = { id: string };
export const load = () => api<{ filing: Filing }>('GET', '/api/filings/x');
export const list = () => api<Local>('GET', '/api/filings');
`;
    const found = checkWebFile(fetcher, probe, shared).map((f) => f.what);
    expect(found).toEqual([
      expect.stringContaining('interface Filing in a fetcher module'),
      expect.stringContaining('type Row declares an object type'),
      expect.stringContaining('api<{ filing: Filing }>'),
      expect.stringContaining('api<Local>: Local does not come from src/shared/api'),
    ]);
    const page = path.join(WEB, 'features/probe/pages/ProbePage.tsx');
    const copied = `interface Row { trackingCode: string; channel: string; category: string; receivedAt: string }\n`;
    expect(checkWebFile(page, copied, shared).map((f) => f.what)).toEqual([
      expect.stringMatching(/interface Row copies fields of complaints\.ts:/),
    ]);
    // Marked hook parameters and plain references pass.
    const ok = `import type { FilingResponse } from '../../../../shared/api/filings.js';
import { api } from '../../../lib/api.js';
/** @uiState what the page chose */
export interface Params { page: number }
export const load = () => api<FilingResponse>('GET', '/api/filings/x');
`;
    expect(checkWebFile(fetcher, ok, shared)).toEqual([]);
  });
});
