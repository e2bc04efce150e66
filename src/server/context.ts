/** What every route and command needs, built once in main.ts (or by the test harness). */
import type { Config } from './config.js';
import type { FieldCipher } from './crypto/fieldCipher.js';
import type { Database, Db } from './db/client.js';
import type { CalendarService } from './services/calendar.js';
import type { PublicRegistryReader } from './services/publicRegistry.js';
import type { SettingsService } from './services/settings.js';
import type { LogSigner } from './transparency/signer.js';

export interface AppContext {
  config: Config;
  database: Database;
  db: Db;
  cipher: FieldCipher;
  calendar: CalendarService;
  settings: SettingsService;
  /** The public registry's reads, cached per instance. */
  registry: PublicRegistryReader;
  /** Signs the transparency log's tree heads (SPEC §11). */
  logSigner: LogSigner;
  /** The clock, replaceable in tests. */
  now(): Date;
}
