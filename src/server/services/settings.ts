/**
 * Settings an admin may change while the system runs (SPEC §1 admin), stored in the `settings` table.
 * Each has a zod schema and a default (shared/api/adminSettings.ts, also used by the settings page); a missing or
 * unreadable row falls back to the default. Admins change them through commands/updateSettings.ts (audited).
 */
import { eq } from 'drizzle-orm';
import {
  SETTING_DEFAULTS,
  SETTING_KEYS,
  SETTING_SCHEMAS,
  type SettingKey,
  type SettingValue,
} from '../../shared/api/adminSettings.js';
import type { Executor } from '../db/client.js';
import { settings } from '../db/schema.js';
import { dropPublicCaches } from './publicEvents.js';

export type { SettingKey, SettingValue };

export const SETTING_DEFS = Object.fromEntries(
  SETTING_KEYS.map((k) => [k, { schema: SETTING_SCHEMAS[k], default: SETTING_DEFAULTS[k] }]),
) as { [K in SettingKey]: { schema: (typeof SETTING_SCHEMAS)[K]; default: SettingValue<K> } };

export class SettingsService {
  constructor(private readonly db: Executor) {}

  async get<K extends SettingKey>(key: K, db: Executor = this.db): Promise<SettingValue<K>> {
    const def = SETTING_DEFS[key];
    const [row] = await db.select().from(settings).where(eq(settings.key, key));
    const parsed = row ? def.schema.safeParse(row.value) : undefined;
    return (parsed?.success ? parsed.data : def.default) as SettingValue<K>;
  }

  /** Every setting at once (one query): what the settings page shows. */
  async all(db: Executor = this.db): Promise<{ [K in SettingKey]: SettingValue<K> }> {
    const rows = await db.select().from(settings);
    const stored = new Map(rows.map((r) => [r.key, r.value]));
    const out: Record<string, unknown> = {};
    for (const key of SETTING_KEYS) {
      const parsed = stored.has(key) ? SETTING_SCHEMAS[key].safeParse(stored.get(key)) : undefined;
      out[key] = parsed?.success ? parsed.data : SETTING_DEFAULTS[key];
    }
    return out as { [K in SettingKey]: SettingValue<K> };
  }

  async set<K extends SettingKey>(key: K, value: SettingValue<K>, db: Executor = this.db): Promise<void> {
    const parsed = SETTING_DEFS[key].schema.parse(value);
    await db
      .insert(settings)
      .values({ key, value: parsed })
      .onConflictDoUpdate({ target: settings.key, set: { value: parsed, updatedAt: new Date() } });
    dropPublicCaches();
  }
}
