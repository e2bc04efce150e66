/**
 * Settings an admin may change while the system runs (SPEC §1 admin), stored in the `settings` table.
 * Each has a zod schema and a default; a missing or unreadable row falls back to the default.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { COMPLAINT_CATEGORIES, type ComplaintCategory } from '../../shared/complaints/lifecycle.js';
import { checkNumberFormat, DEFAULT_NUMBER_FORMAT } from '../../shared/filing/numberFormat.js';
import type { Executor } from '../db/client.js';
import { settings } from '../db/schema.js';

export const SETTING_DEFS = {
  /** Article 10: the draft leaves the date blank; the final measures took effect on 2023-01-01. */
  'measures.effectiveDate': { schema: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), default: '2023-01-01' },
  'upload.maxBytes': {
    schema: z
      .number()
      .int()
      .min(1024)
      .max(200 * 1024 * 1024),
    default: 20 * 1024 * 1024,
  },
  'filingNumber.format': {
    schema: z
      .string()
      .min(1)
      .max(100)
      .refine((f) => checkNumberFormat(f) === null, '编号格式须包含 {year} 和 {seq}'),
    default: DEFAULT_NUMBER_FORMAT,
  },
  /** Article 8: staff see filings of platforms not yet online whose planned launch is this near (days), or past. */
  'article8.launchWarningDays': { schema: z.number().int().min(0).max(365), default: 30 },
  /** Article 9: the complaint channels the public portal shows (empty: not yet published). */
  'complaints.phone': { schema: z.string().trim().max(40), default: '' },
  'complaints.email': { schema: z.union([z.literal(''), z.email().max(254)]), default: '' },
  /** Article 9: the handling time limit in working days, per category (a missing category: the default, 15). */
  'complaints.limitWorkingDays': {
    schema: z.partialRecord(z.enum(COMPLAINT_CATEGORIES), z.number().int().min(1).max(120)),
    default: {} as Partial<Record<ComplaintCategory, number>>,
  },
  /** Each evidence file of a complaint (at most 5) may be this large. */
  'complaints.evidenceMaxBytes': {
    schema: z
      .number()
      .int()
      .min(1024)
      .max(50 * 1024 * 1024),
    default: 10 * 1024 * 1024,
  },
  /** The ALTCHA work: the largest number a solver may have to try (SHA-256 of salt + number). */
  'complaints.altchaMaxNumber': { schema: z.number().int().min(1000).max(10_000_000), default: 100_000 },
  /** SPEC §10: the homepage monitor checks every valid filing daily (false: only on demand). */
  'monitor.daily': { schema: z.boolean(), default: true },
  /** SPEC §10: the daily checks are spread over this many hours from 00:05 China time. */
  'monitor.spreadHours': { schema: z.number().int().min(1).max(24), default: 20 },
  /** SPEC §10 politeness: the least time between two requests of the monitor to one host, per instance (ms). */
  'monitor.hostDelayMs': { schema: z.number().int().min(0).max(60_000), default: 1_000 },
} as const;

export type SettingKey = keyof typeof SETTING_DEFS;
export type SettingValue<K extends SettingKey> = z.output<(typeof SETTING_DEFS)[K]['schema']>;

export class SettingsService {
  constructor(private readonly db: Executor) {}

  async get<K extends SettingKey>(key: K, db: Executor = this.db): Promise<SettingValue<K>> {
    const def = SETTING_DEFS[key];
    const [row] = await db.select().from(settings).where(eq(settings.key, key));
    const parsed = row ? def.schema.safeParse(row.value) : undefined;
    return (parsed?.success ? parsed.data : def.default) as SettingValue<K>;
  }

  async set<K extends SettingKey>(key: K, value: SettingValue<K>, db: Executor = this.db): Promise<void> {
    const parsed = SETTING_DEFS[key].schema.parse(value);
    await db
      .insert(settings)
      .values({ key, value: parsed })
      .onConflictDoUpdate({ target: settings.key, set: { value: parsed, updatedAt: new Date() } });
  }
}
