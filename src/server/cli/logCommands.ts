/**
 * `vcp log verify` and `vcp log publish` (SPEC §11).
 *
 *   log verify [--url URL] [--state FILE] [--key FILE]
 *     --url    check the log a running instance serves over HTTP (no database needed); without it, the database
 *     --state  a head saved by an earlier run: the log must have only grown since; saved again when all is well
 *     --key    the SM2 public key (PEM) the heads must be signed with, instead of trusting the server's
 *   log publish  sign a head of the log as it stands now (the server also does on demand and every ten minutes)
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { AppContext } from '../context.js';
import { publishHead } from '../transparency/heads.js';
import { type SavedState, type VerifyResult, verifyLogInDatabase, verifyLogOverHttp } from '../transparency/verify.js';

type Out = (line: string) => void;

const USAGE = 'usage: vcp log verify [--url URL] [--state FILE] [--key FILE]';

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    options: { url: { type: 'string' }, state: { type: 'string' }, key: { type: 'string' } },
    strict: true,
  }).values;
}

/** Whether `argv` (after `log verify`) needs no database: it checks a server over HTTP. */
export function verifiesOverHttp(argv: string[]): boolean {
  try {
    return parse(argv).url !== undefined;
  } catch {
    return false;
  }
}

function readState(file: string | undefined, out: Out): SavedState | undefined | null {
  if (!file || !fs.existsSync(file)) return undefined;
  try {
    const s = JSON.parse(fs.readFileSync(file, 'utf8')) as SavedState;
    if (typeof s.head?.treeSize !== 'number' || typeof s.leafHashes !== 'string') throw new Error('shape');
    return s;
  } catch {
    out(`${file}: not a saved log head`);
    return null;
  }
}

function report(result: VerifyResult, stateFile: string | undefined, out: Out): number {
  for (const f of result.findings.slice(0, 20)) out(`  ${f.message}`);
  if (result.findings.length > 20) out(`  … and ${result.findings.length - 20} more`);
  if (!result.ok) {
    out(
      result.firstWrongLeaf !== undefined
        ? `transparency log BROKEN: the first wrong leaf is leaf ${result.firstWrongLeaf} (seq ${result.firstWrongLeaf + 1})`
        : 'transparency log BROKEN',
    );
    return 1;
  }
  out(`transparency log intact: ${result.treeSize} leaves verified, root ${result.rootHash}`);
  if (stateFile && result.state) {
    fs.writeFileSync(stateFile, JSON.stringify(result.state));
    out(`saved the head of ${result.state.head.treeSize} leaves (${result.state.head.timestamp}) to ${stateFile}`);
  }
  return 0;
}

/** `log verify`: over HTTP when --url is given (ctx may then be undefined), else in the database. */
export async function logVerify(ctx: AppContext | undefined, argv: string[], out: Out): Promise<number> {
  let values: ReturnType<typeof parse>;
  try {
    values = parse(argv);
  } catch (err) {
    out(err instanceof Error ? err.message : String(err));
    out(USAGE);
    return 2;
  }
  const state = readState(values.state, out);
  if (state === null) return 2;
  if (values.url) {
    if (values.key && !fs.existsSync(values.key)) {
      out(`${values.key}: no such file`);
      return 2;
    }
    const pinnedKey = values.key ? fs.readFileSync(values.key, 'utf8') : undefined;
    out(`checking the transparency log of ${values.url}`);
    const result = await verifyLogOverHttp(values.url, { state, pinnedKey, onProgress: out });
    return report(result, values.state, out);
  }
  if (!ctx) throw new Error('no database');
  const result = await verifyLogInDatabase(ctx, { state, onProgress: out });
  return report(result, values.state, out);
}

export async function logPublish(ctx: AppContext, out: Out): Promise<number> {
  const head = await publishHead(ctx);
  out(JSON.stringify(head));
  return 0;
}
