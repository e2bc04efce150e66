/** The `vcp` commands, callable in-process (tests) or from cli/vcp.ts. Each returns the exit code. */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import QRCode from 'qrcode';
import { z } from 'zod';
import { yearScheduleSchema } from '../../shared/api/calendar.js';
import { checkSchedule, parseHolidayNotice, type YearSchedule } from '../../shared/calendar/index.js';
import { appendAudit, verifyAuditChain } from '../audit/auditLog.js';
import { backupDatabase } from '../backup/backup.js';
import { RestoreRefused, restoreDatabase } from '../backup/restore.js';
import { createContext } from '../bootstrap.js';
import { createStaffUser, STAFF_ROLE_NAMES } from '../commands/createStaffUser.js';
import { saveCalendarYear } from '../commands/saveCalendarYear.js';
import type { AppContext } from '../context.js';
import { FieldCipher } from '../crypto/fieldCipher.js';
import { rotateKeys } from '../crypto/keyRotation.js';
import { addKeyToFile, keyFilePath, loadKeyring, newKeySpec, nextKeyId, removeKeyFromFile } from '../crypto/keys.js';
import { keyUsage } from '../crypto/sealedColumns.js';
import { calendarYears } from '../db/schema.js';
import { DEMO_APPLICANT_PASSWORD, DEMO_STAFF_PASSWORD, DemoSeedRefused, seedDemo } from '../demo/seed.js';
import { Interrupted } from '../lib/interrupted.js';
import { logPublish, logVerify } from './logCommands.js';
import type { CommandStop } from './stop.js';

type Out = (line: string) => void;

/** Progress lines of a long command: the first batch's, then at most one every 2 s. */
function everyFewSeconds(): (say: () => void) => void {
  let shown = 0;
  return (say) => {
    if (shown !== 0 && Date.now() - shown < 2000) return;
    shown = Date.now();
    say();
  };
}

/** The file `vcp calendar import` reads: the same JSON as the admin page's import (shared/api/calendar.ts). */
export const yearScheduleFile = yearScheduleSchema;

/**
 * Runs one command. `stop` (cli/stop.ts) is how the batch commands learn of SIGINT/SIGTERM; without it (tests calling
 * in-process) they run to the end.
 */
export async function runCommand(ctx: AppContext, argv: string[], out: Out, stop?: CommandStop): Promise<number> {
  const [group, action, ...rest] = argv;
  if (group === 'backup') return backup(ctx, argv.slice(1), out, stop);
  if (group === 'restore') return restore(ctx, argv.slice(1), out, stop);
  const key = `${group} ${action}`;
  switch (key) {
    case 'audit verify':
      return auditVerify(ctx, out);
    case 'calendar import':
      return calendarImport(ctx, rest[0], out);
    case 'calendar list':
      return calendarList(ctx, out);
    case 'user create':
      return userCreate(ctx, rest, out);
    case 'demo seed':
      return demoSeed(ctx, rest, out, stop);
    case 'keys status':
      return keysStatus(ctx, out);
    case 'keys rotate':
      return keysRotate(ctx, rest, out, stop);
    case 'keys remove':
      return keysRemove(ctx, rest, out);
    case 'log verify':
      return logVerify(ctx, rest, out);
    case 'log publish':
      return logPublish(ctx, out);
    default:
      out(`unknown command: ${argv.join(' ')} (try --help)`);
      return 2;
  }
}

async function auditVerify(ctx: AppContext, out: Out): Promise<number> {
  const result = await verifyAuditChain(ctx.db);
  if (result.ok) {
    out(`audit chain intact: ${result.checked} entries verified`);
    return 0;
  }
  const broken = result.firstBroken as NonNullable<typeof result.firstBroken>;
  out(`audit chain BROKEN at entry #${broken.seq}: ${broken.reason} (${result.checked} entries before it are intact)`);
  return 1;
}

async function calendarImport(ctx: AppContext, file: string | undefined, out: Out): Promise<number> {
  if (!file) {
    out('usage: vcp calendar import <file.json | notice.txt>');
    return 2;
  }
  const text = fs.readFileSync(file, 'utf8');
  let schedule: YearSchedule;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (json !== undefined) {
    const parsed = yearScheduleFile.safeParse(json);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) out(`${issue.path.join('.')}: ${issue.message}`);
      return 2;
    }
    schedule = parsed.data;
  } else {
    // Not JSON: the notice's plain text (国务院办公厅关于××××年部分节假日安排的通知).
    const parsed = parseHolidayNotice(text);
    if (!parsed.ok) {
      for (const e of parsed.errors) out(`line ${e.line}: ${e.message} (${e.text})`);
      return 2;
    }
    for (const w of parsed.warnings) out(`line ${w.line}: ${w.message}`);
    schedule = parsed.schedule;
  }
  const errors = checkSchedule(schedule);
  if (errors.length) {
    for (const e of errors) out(`${e.field}: ${e.message}`);
    return 2;
  }
  const result = await saveCalendarYear(ctx, { actor: null, schedule, via: json !== undefined ? 'json' : 'text' });
  out(
    `imported ${schedule.year}: ${schedule.holidays.length} holidays, ${schedule.workdays.length} adjusted working days; ${result.moves.length} open deadlines recomputed, ${result.notified} people told`,
  );
  return 0;
}

const userCreateArgs = z.object({
  email: z.string().email('--email 须为邮箱地址'),
  password: z.string().min(12, '--password 至少 12 个字符（工作人员账号）'),
  role: z.array(z.enum(STAFF_ROLE_NAMES)).min(1, '至少一个 --role：reviewer、admin 或 complaints'),
  name: z.string().max(50).optional(),
});

async function userCreate(ctx: AppContext, argv: string[], out: Out): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      email: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string', multiple: true },
      name: { type: 'string' },
    },
    strict: true,
  });
  const parsed = userCreateArgs.safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) out(`${issue.path.join('.') || 'args'}: ${issue.message}`);
    out('usage: vcp user create --email E --role reviewer|admin|complaints [--role …] --password P [--name N]');
    return 2;
  }
  const { user, uri } = await createStaffUser(ctx, {
    email: parsed.data.email.toLowerCase(),
    password: parsed.data.password,
    roles: [...new Set(parsed.data.role)],
    displayName: parsed.data.name,
  });
  out(`created staff user ${user.id} (${[...new Set(parsed.data.role)].join(', ')})`);
  out('Scan with an authenticator app (TOTP, 6 digits, 30 s), or enter the URI:');
  out(uri);
  out(await QRCode.toString(uri, { type: 'terminal', small: true }));
  return 0;
}

async function calendarList(ctx: AppContext, out: Out): Promise<number> {
  const years = await ctx.db.select().from(calendarYears).orderBy(calendarYears.year);
  for (const y of years) out(`${y.year}\t${y.source}`);
  return 0;
}

const demoSeedArgs = z.object({
  filings: z.coerce
    .number()
    .int('--filings 须为整数')
    .min(1, '--filings 至少为 1')
    .max(2_000_000, '--filings 至多 2,000,000'),
  seed: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,32}$/, '--seed 须为 1–32 个字母、数字、- 或 _')
    .default('1'),
  batch: z.coerce.number().int().min(1).max(10_000).default(1000),
});

async function demoSeed(ctx: AppContext, argv: string[], out: Out, stop?: CommandStop): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { filings: { type: 'string' }, seed: { type: 'string' }, batch: { type: 'string' } },
    strict: true,
  });
  const parsed = demoSeedArgs.safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) out(`${issue.path.join('.') || 'args'}: ${issue.message}`);
    out('usage: vcp demo seed --filings N [--seed S] [--batch B]');
    return 2;
  }
  try {
    const result = await seedDemo(ctx, {
      filings: parsed.data.filings,
      seed: parsed.data.seed,
      batchSize: parsed.data.batch,
      out: (line) => out(line),
      worker: true,
      ...(stop ? { signal: stop.signal } : {}),
    });
    const seconds = (result.ms / 1000).toFixed(1);
    if (result.interrupted) {
      out(
        `interrupted by ${stop?.name ?? 'a signal'}: ${result.written} of ${result.filings} filings are written ` +
          `(${result.written - result.resumedFrom} in ${seconds} s, whole batches, the rest not started).`,
      );
      out(`Run \`vcp demo seed --filings ${result.filings} --seed ${parsed.data.seed}\` again to continue.`);
      return stop?.code ?? 1;
    }
    out(
      `seeded ${result.filings} filings of ${result.users} applicants in ${seconds} s` +
        (result.resumedFrom ? ` (continued from ${result.resumedFrom})` : ''),
    );
    for (const [status, count] of Object.entries(result.byStatus).sort()) out(`  ${status}\t${count}`);
    out(
      `applicants: ${result.applicantEmail(1)} … ${result.applicantEmail(result.users)}, password ${DEMO_APPLICANT_PASSWORD}`,
    );
    for (const s of result.staff)
      out(`staff ${s.email} (${s.roles.join(', ')}), password ${DEMO_STAFF_PASSWORD}, TOTP secret ${s.secret}`);
    return 0;
  } catch (err) {
    if (err instanceof DemoSeedRefused) {
      out(err.message);
      return 1;
    }
    throw err;
  }
}

async function backup(ctx: AppContext, argv: string[], out: Out, stop?: CommandStop): Promise<number> {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, strict: true });
  const [file] = positionals;
  if (!file || positionals.length > 1) {
    out('usage: vcp backup <file>');
    return 2;
  }
  let result: Awaited<ReturnType<typeof backupDatabase>>;
  try {
    const progress = everyFewSeconds();
    result = await backupDatabase(ctx, file, {
      ...(stop ? { signal: stop.signal } : {}),
      onProgress: (rows, table) => progress(() => out(`  ${rows} rows written (${table})`)),
    });
  } catch (err) {
    if (!(err instanceof Interrupted)) throw err;
    out(
      `backup interrupted by ${stop?.name}: nothing was written (the partial file is removed; the database is untouched).`,
    );
    out(`Run \`vcp backup ${file}\` again to take the backup.`);
    return stop?.code ?? 1;
  }
  const { header, bytes } = result;
  const rows = header.tables.reduce((sum, t) => sum + t.rows, 0);
  out(`backed up ${rows} rows of ${header.tables.length} tables to ${file} (${(bytes / 1e6).toFixed(1)} MB)`);
  out(
    `migration ${header.migration.tag ?? header.migration.count}; personal data sealed with key(s) ${header.keyIds.join(', ') || '(none)'}`,
  );
  out(
    'The keys are not in the backup: keep the keys file (DATA_DIR/keys.json or VCP_KEYS and VCP_INDEX_KEY) safe apart from it.',
  );
  return 0;
}

async function restore(ctx: AppContext, argv: string[], out: Out, stop?: CommandStop): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { force: { type: 'boolean' } },
    strict: true,
  });
  const [file] = positionals;
  if (!file || positionals.length > 1) {
    out('usage: vcp restore <file> [--force]');
    return 2;
  }
  if (!fs.existsSync(file)) {
    out(`${file}: no such file`);
    return 2;
  }
  const progress = everyFewSeconds();
  try {
    const result = await restoreDatabase(ctx, file, {
      force: values.force,
      ...(stop ? { signal: stop.signal } : {}),
      onProgress: (rows) => progress(() => out(`  ${rows} rows loaded`)),
    });
    out(`restored ${result.rows} rows from ${file} (taken ${result.header.createdAt} on ${result.header.source})`);
    out(`audit chain intact: ${result.auditEntries} entries verified`);
    return 0;
  } catch (err) {
    if (err instanceof RestoreRefused) {
      out(`restore refused: ${err.message}`);
      return 1;
    }
    if (err instanceof Interrupted) {
      out(
        `restore interrupted by ${stop?.name}: rolled back, the database is as it was before the restore (nothing ` +
          'of the backup was kept).',
      );
      out(`Run \`vcp restore ${file}${values.force ? ' --force' : ''}\` again to restore it.`);
      return stop?.code ?? 1;
    }
    throw err;
  }
}

const keyring = (ctx: AppContext) =>
  loadKeyring({ keys: ctx.config.keys, indexKey: process.env.VCP_INDEX_KEY, dataDir: ctx.config.dataDir });

async function usageByKid(ctx: AppContext): Promise<Map<string, number>> {
  const byKid = new Map<string, number>();
  for (const u of await keyUsage(ctx.db)) byKid.set(u.kid, (byKid.get(u.kid) ?? 0) + u.rows);
  return byKid;
}

async function keysStatus(ctx: AppContext, out: Out): Promise<number> {
  const usage = await keyUsage(ctx.db);
  const byKid = await usageByKid(ctx);
  const active = ctx.cipher.activeKeyId;
  for (const kid of [...new Set([...ctx.cipher.keyIds, ...byKid.keys()])].sort()) {
    const n = byKid.get(kid) ?? 0;
    const state =
      kid === active
        ? 'active'
        : !ctx.cipher.hasKey(kid)
          ? 'MISSING from the keyring'
          : n === 0
            ? 'unused: may be removed'
            : 'still in use';
    out(`${kid}\t${n} sealed values\t${state}`);
    for (const u of usage.filter((x) => x.kid === kid)) out(`  ${u.table}.${u.column}\t${u.rows}`);
  }
  return [...byKid.keys()].some((kid) => !ctx.cipher.hasKey(kid)) ? 1 : 0;
}

async function keysRotate(ctx: AppContext, argv: string[], out: Out, stop?: CommandStop): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { batch: { type: 'string' } }, strict: true });
  const batchSize = values.batch ? Number(values.batch) : 500;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    out('usage: vcp keys rotate [--batch N]');
    return 2;
  }
  const stale = [...(await usageByKid(ctx)).entries()].filter(([kid, n]) => kid !== ctx.cipher.activeKeyId && n > 0);
  let cipher = ctx.cipher;
  if (stale.length === 0) {
    // Everything is under the active key: this run starts a rotation with a new key.
    const { source } = keyring(ctx);
    if (source === 'env') {
      out('All sealed data is under the active key. To rotate, put this new key FIRST in VCP_KEYS on every instance');
      out('(keep the old ones after it), restart them, then run `vcp keys rotate` again to re-seal the data:');
      out(`  ${newKeySpec(nextKeyId(ctx.cipher.keyIds))}`);
      return 0;
    }
    const kid = addKeyToFile(ctx.config.dataDir);
    cipher = new FieldCipher(keyring(ctx).input);
    out(
      `new key ${kid} is active in ${keyFilePath(ctx.config.dataDir)}: back this file up now (the old keys stay in it).`,
    );
    if (ctx.database.kind === 'postgres') {
      out(
        'Restart the server so it seals with the new key and can open what is re-sealed, then run `vcp keys rotate` again.',
      );
      return 0;
    }
  }
  const rotated = createContext(ctx.config, ctx.database, cipher);
  const progress = everyFewSeconds();
  const result = await rotateKeys(rotated.db, cipher, {
    batchSize,
    onBatch: (p) => progress(() => out(`  ${p.table}.${p.column}: ${p.resealed} re-sealed`)),
    ...(stop ? { signal: stop.signal } : {}),
  });
  await rotated.db.transaction((tx) =>
    appendAudit(tx, {
      action: 'keys.rotate',
      actorId: null,
      subjectType: 'system',
      subjectId: null,
      details: { activeKid: result.activeKid, resealed: result.resealed },
    }),
  );
  if (result.interrupted) {
    const left = [...(await usageByKid(rotated)).entries()].filter(([kid]) => kid !== result.activeKid);
    out(
      `interrupted by ${stop?.name}: re-sealed ${result.resealed} values with key ${result.activeKid} in whole batches; ` +
        `${left.reduce((n, [, k]) => n + k, 0)} are still under the old key(s), which keep opening them.`,
    );
    out('Run `vcp keys rotate` again to re-seal the rest.');
    return stop?.code ?? 1;
  }
  out(`re-sealed ${result.resealed} values with key ${result.activeKid}`);
  const left = await usageByKid(rotated);
  for (const [kid, n] of left) {
    if (kid !== result.activeKid)
      out(`key ${kid} still seals ${n} values (written meanwhile): run \`vcp keys rotate\` again`);
  }
  const unused = cipher.keyIds.filter((kid) => kid !== result.activeKid && !left.get(kid));
  if (unused.length)
    out(`old key(s) ${unused.join(', ')} now unused: \`vcp keys remove <kid>\` once every instance has the new key`);
  return 0;
}

async function keysRemove(ctx: AppContext, argv: string[], out: Out): Promise<number> {
  const [kid] = argv;
  if (!kid) {
    out('usage: vcp keys remove <kid>');
    return 2;
  }
  if (!ctx.cipher.hasKey(kid)) {
    out(`no key "${kid}" in the keyring`);
    return 2;
  }
  if (kid === ctx.cipher.activeKeyId) {
    out(`key ${kid} is the active key: rotate to a new one first`);
    return 1;
  }
  const n = (await usageByKid(ctx)).get(kid) ?? 0;
  if (n > 0) {
    out(`key ${kid} still seals ${n} values: run \`vcp keys rotate\` until it seals none`);
    return 1;
  }
  if (keyring(ctx).source === 'env') {
    out(`key ${kid} is unused: remove it from VCP_KEYS on every instance and restart them`);
    return 0;
  }
  removeKeyFromFile(ctx.config.dataDir, kid);
  await ctx.db.transaction((tx) =>
    appendAudit(tx, { action: 'keys.remove', actorId: null, subjectType: 'system', subjectId: null, details: { kid } }),
  );
  out(`removed unused key ${kid} from ${keyFilePath(ctx.config.dataDir)}`);
  return 0;
}
