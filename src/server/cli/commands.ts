/** The `vcp` commands, callable in-process (tests) or from cli/vcp.ts. Each returns the exit code. */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import QRCode from 'qrcode';
import { z } from 'zod';
import { isIsoDate } from '../../shared/calendar/index.js';
import { verifyAuditChain } from '../audit/auditLog.js';
import { backupDatabase } from '../backup/backup.js';
import { RestoreRefused, restoreDatabase } from '../backup/restore.js';
import { createStaffUser, STAFF_ROLE_NAMES } from '../commands/createStaffUser.js';
import type { AppContext } from '../context.js';
import { calendarYears } from '../db/schema.js';
import { DEMO_APPLICANT_PASSWORD, DEMO_STAFF_PASSWORD, DemoSeedRefused, seedDemo } from '../demo/seed.js';

type Out = (line: string) => void;

const day = z.object({ date: z.string().refine(isIsoDate, '日期应为 YYYY-MM-DD'), name: z.string().min(1).max(50) });
export const yearScheduleFile = z.object({
  year: z.number().int().min(2000).max(2100),
  source: z.string().min(1).max(200),
  holidays: z.array(day),
  workdays: z.array(day),
});

export async function runCommand(ctx: AppContext, argv: string[], out: Out): Promise<number> {
  const [group, action, ...rest] = argv;
  if (group === 'backup') return backup(ctx, argv.slice(1), out);
  if (group === 'restore') return restore(ctx, argv.slice(1), out);
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
      return demoSeed(ctx, rest, out);
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
    out('usage: vcp calendar import <file.json>');
    return 2;
  }
  const parsed = yearScheduleFile.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) out(`${issue.path.join('.')}: ${issue.message}`);
    return 2;
  }
  const wrongYear = [...parsed.data.holidays, ...parsed.data.workdays].find(
    (d) => !d.date.startsWith(`${parsed.data.year}-`),
  );
  if (wrongYear) {
    out(`${wrongYear.date} is not in ${parsed.data.year}`);
    return 2;
  }
  await ctx.db.transaction((tx) => ctx.calendar.importYear(tx, parsed.data, null));
  out(
    `imported ${parsed.data.year}: ${parsed.data.holidays.length} holidays, ${parsed.data.workdays.length} adjusted working days`,
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

async function demoSeed(ctx: AppContext, argv: string[], out: Out): Promise<number> {
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
    });
    out(`seeded ${result.filings} filings of ${result.users} applicants in ${(result.ms / 1000).toFixed(1)} s`);
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

async function backup(ctx: AppContext, argv: string[], out: Out): Promise<number> {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, strict: true });
  const [file] = positionals;
  if (!file || positionals.length > 1) {
    out('usage: vcp backup <file>');
    return 2;
  }
  const { header, bytes } = await backupDatabase(ctx, file);
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

async function restore(ctx: AppContext, argv: string[], out: Out): Promise<number> {
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
  try {
    const result = await restoreDatabase(ctx, file, { force: values.force });
    out(`restored ${result.rows} rows from ${file} (taken ${result.header.createdAt} on ${result.header.source})`);
    out(`audit chain intact: ${result.auditEntries} entries verified`);
    return 0;
  } catch (err) {
    if (err instanceof RestoreRefused) {
      out(`restore refused: ${err.message}`);
      return 1;
    }
    throw err;
  }
}
