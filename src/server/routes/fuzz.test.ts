/**
 * Fuzzing by construction (issue 9): every operation of the OpenAPI document (/api/docs/json) is sent generated
 * hostile path parameters, queries and bodies, derived from its own schemas plus type confusion, NUL and lone
 * surrogates, huge and deeply nested values, as an anonymous caller, an applicant and staff. Properties: never a 5xx,
 * never a hang, and a refused request (4xx) changes nothing (the audit log, which every change appends to, stays as
 * it was). A new route is fuzzed as soon as it is in the document. FUZZ_RUNS sets the runs per operation (default 25).
 */
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/client.js';
import { createCompleteDraft, loginStaff, registerApplicant } from '../test/factories.js';
import { startTestServer, type TestClient } from '../test/harness.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 25);

const server = await startTestServer();
afterAll(() => server.close());

// biome-ignore lint/suspicious/noExplicitAny: JSON Schema from the OpenAPI document
type Schema = any;
interface Operation {
  method: string;
  path: string;
  params: { in: 'path' | 'query'; name: string; schema: Schema }[];
  body: Schema | undefined;
}

const doc = (await (await fetch(`${server.url}/api/docs/json`)).json()) as {
  paths: Record<string, Record<string, { parameters?: Operation['params']; requestBody?: Schema }>>;
};
const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, op]) => ({
    method: method.toUpperCase(),
    path,
    params: (op.parameters ?? []).filter((p) => p.in === 'path' || p.in === 'query'),
    body: op.requestBody?.content?.['application/json']?.schema,
  })),
);

// The callers, and real ids for path parameters so that generated requests also reach existing rows.
const applicant = server.client();
await registerApplicant(applicant);
const draftId = await createCompleteDraft(applicant);
const attachmentId = (await applicant.get(`/api/filings/${draftId}`)).body.filing.attachments[0].id as string;
const staff = server.client();
await loginStaff(server, staff, ['reviewer', 'admin']);
const realIds = [draftId, attachmentId];

const HOSTILE = [
  '',
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDFFFy',
  "' OR '1'='1",
  '1; DROP TABLE users; --',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '../../../../etc/passwd',
  '%00',
  '%2e%2e%2f',
  '9999-12-31',
  '0000-00-00',
  '2026-02-30',
  '-1',
  '0',
  '1e999',
  'NaN',
  'Infinity',
  '9007199254740993',
  '{{7*7}}',
  `$${'{'}jndi:ldap://x/a}`,
  '__proto__',
  'constructor',
  'A'.repeat(5000),
  '張三\u202Eexe.pdf',
  '０１２３',
];

const anyChar = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
/** Text no field may hold: every string field gets it often. */
const BROKEN_TEXT = fc.constantFrom('\u0000', 'a\u0000b', '\u0000张三', '\uD800', 'x\uDFFFy', 'ok\uDBFF');
const hostileString = fc.oneof(
  { weight: 2, arbitrary: BROKEN_TEXT },
  fc.constantFrom(...HOSTILE),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: anyChar, maxLength: 20 }),
  fc.uuid(),
);
const hostileNumber = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(-1, 0, 2 ** 53, -(2 ** 53), 1e308, -1e308, 5e-324, 3650, 3651),
);

function deepArray(depth: number): unknown {
  let v: unknown = [];
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

/** Values shaped like `schema` (every property optional), with type confusion mixed in at every level. */
function fromSchema(schema: Schema, depth = 0): fc.Arbitrary<unknown> {
  const confused = fc.oneof(fc.jsonValue({ maxDepth: 2 }), hostileString, hostileNumber, fc.constant(null));
  if (!schema || depth > 5) return confused;
  const own = ((): fc.Arbitrary<unknown> => {
    if (schema.anyOf || schema.oneOf)
      return fc.oneof(...(schema.anyOf ?? schema.oneOf).map((s: Schema) => fromSchema(s, depth + 1)));
    if (schema.enum) return fc.oneof(fc.constantFrom(...schema.enum), hostileString);
    switch (schema.type) {
      case 'object': {
        const props = Object.fromEntries(
          Object.entries<Schema>(schema.properties ?? {}).map(([k, s]) => [k, fromSchema(s, depth + 1)]),
        );
        return fc.oneof(
          { weight: 4, arbitrary: fc.record(props, { requiredKeys: [] }) },
          fc
            .record(props, { requiredKeys: [] })
            .chain((o) => fc.record({ k: hostileString, v: confused }).map(({ k, v }) => ({ ...o, [k]: v }))),
        );
      }
      case 'array':
        return fc.array(fromSchema(schema.items, depth + 1), { maxLength: 4 });
      case 'string':
        return hostileString;
      case 'integer':
      case 'number':
        return hostileNumber;
      case 'boolean':
        return fc.boolean();
      default:
        return confused;
    }
  })();
  return fc.oneof({ weight: 9, arbitrary: own }, { weight: 1, arbitrary: confused });
}

/**
 * A value with one hostile leaf somewhere down `schema` and nothing else: it passes the shape checks around it, so
 * the leaf reaches whatever handles it (the database, a calculator, a document generator).
 */
function oneLeaf(schema: Schema, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return hostileString;
  if (schema.anyOf || schema.oneOf)
    return fc.oneof(...(schema.anyOf ?? schema.oneOf).map((s: Schema) => oneLeaf(s, depth + 1)));
  if (schema.type === 'object' && schema.properties && Object.keys(schema.properties).length) {
    const props = schema.properties as Record<string, Schema>;
    return fc.constantFrom(...Object.keys(props)).chain((k) => oneLeaf(props[k], depth + 1).map((v) => ({ [k]: v })));
  }
  if (schema.type === 'array') return oneLeaf(schema.items, depth + 1).map((v) => [v]);
  if (schema.type === 'integer' || schema.type === 'number') return fc.oneof(hostileNumber, hostileString);
  return fc.oneof({ weight: 3, arbitrary: BROKEN_TEXT }, hostileString, hostileNumber);
}

/** A path segment or query value: real ids, values of the schema's type, or anything hostile. */
function paramValue(schema: Schema): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...realIds) },
    fromSchema(schema).map((v) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''))),
    hostileString,
  );
}

/** Percent-encodes a path segment; a lone surrogate goes out as its three WTF-8 bytes, as an attacker would send it. */
function encodeSegment(value: string): string {
  return Array.from(value, (ch) => {
    try {
      return encodeURIComponent(ch);
    } catch {
      const c = ch.charCodeAt(0);
      return [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    }
  }).join('');
}

interface Sent {
  caller: 'anonymous' | 'applicant' | 'staff';
  path: string;
  query: string;
  body: { kind: 'json'; value: unknown } | { kind: 'raw'; type: string; text: string } | { kind: 'none' };
}

function requestFor(op: Operation): fc.Arbitrary<Sent> {
  const pathParams = op.params.filter((p) => p.in === 'path');
  const queryParams = op.params.filter((p) => p.in === 'query');
  const path = fc
    .tuple(...pathParams.map((p) => paramValue(p.schema)))
    .map((values) =>
      pathParams.reduce((acc, p, i) => acc.replace(`{${p.name}}`, encodeSegment(values[i] as string)), op.path),
    );
  const query = fc
    .tuple(
      fc.record(Object.fromEntries(queryParams.map((p) => [p.name, paramValue(p.schema)])), { requiredKeys: [] }),
      fc.option(fc.tuple(hostileString, hostileString), { freq: 4 }),
    )
    .map(([q, extra]) => {
      const entries = Object.entries(q as Record<string, string>);
      if (extra) entries.push(extra);
      return entries.length ? `?${new URLSearchParams(entries).toString()}` : '';
    });
  const body: fc.Arbitrary<Sent['body']> = fc.oneof(
    { weight: op.body ? 4 : 1, arbitrary: fromSchema(op.body).map((value) => ({ kind: 'json' as const, value })) },
    { weight: op.body ? 4 : 0, arbitrary: oneLeaf(op.body).map((value) => ({ kind: 'json' as const, value })) },
    { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
    {
      weight: 1,
      arbitrary: fc
        .oneof(
          fc.constantFrom('{', '[1,', '{"a":}', '\u0000', 'null', '"str"', `{"a":${JSON.stringify(deepArray(500))}}`),
          fc.string({ maxLength: 30 }),
        )
        .map((text) => ({ kind: 'raw' as const, type: 'application/json', text })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.constantFrom('text/plain', 'application/xml', 'multipart/form-data', 'application/x-www-form-urlencoded'),
          fc.string({ maxLength: 30 }),
        )
        .map(([type, text]) => ({ kind: 'raw' as const, type, text })),
    },
  );
  const caller = fc.constantFrom<Sent['caller']>('anonymous', 'applicant', 'applicant', 'staff', 'staff');
  return fc.record({ caller, path, query, body });
}

async function fingerprint(): Promise<number> {
  // Failed logins are recorded on purpose (the lockout counts them); everything else a request changes is audited.
  const [row] = await queryRows<{ n: number }>(
    server.ctx.db,
    sql`select count(*)::int as n from audit_log where action not in ('account.login_failed', 'account.locked')`,
  );
  return row?.n ?? 0;
}

const clients: Record<Sent['caller'], TestClient> = { anonymous: server.client(), applicant, staff };

async function send(op: Operation, r: Sent) {
  // Logging out would end the shared sessions the other runs need: it is fuzzed anonymously.
  const client = op.path === '/api/auth/logout' ? clients.anonymous : clients[r.caller];
  const opts =
    op.method === 'GET' || op.method === 'HEAD'
      ? {}
      : r.body.kind === 'json'
        ? { json: r.body.value }
        : r.body.kind === 'raw'
          ? { body: r.body.text, headers: { 'content-type': r.body.type } }
          : {};
  return client.request(op.method, `${r.path}${r.query}`, { ...opts, signal: AbortSignal.timeout(15_000) });
}

describe('every operation of the OpenAPI document, fuzzed', () => {
  it('finds the operations', () => {
    expect(operations.length).toBeGreaterThan(50);
  });

  for (const op of operations) {
    it(`${op.method} ${op.path}: no 5xx, no hang, a refusal changes nothing`, async () => {
      await fc.assert(
        fc.asyncProperty(requestFor(op), async (r) => {
          const before = await fingerprint();
          const res = await send(op, r);
          expect(res.status, `${res.status} ${res.text.slice(0, 300)}`).toBeLessThan(500);
          if (res.status >= 400) expect(await fingerprint()).toBe(before);
        }),
        { numRuns: RUNS, endOnFailure: true },
      );
    }, 120_000);
  }
});
