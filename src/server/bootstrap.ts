/**
 * Opens the database, migrates it, loads keys and the shipped calendar, and builds the context every part of the
 * server shares. main.ts and the `vcp` tool both start here.
 */
import { type Config, loadConfig } from './config.js';
import type { AppContext } from './context.js';
import { configureCryptoPool } from './crypto/cryptoPool.js';
import { FieldCipher } from './crypto/fieldCipher.js';
import { loadKeyring } from './crypto/keys.js';
import { type Database, migrateDatabase, openDatabase } from './db/client.js';
import { CalendarService } from './services/calendar.js';
import { seedPartners } from './services/outbox.js';
import { lockPublicEvents } from './services/publicEvents.js';
import { PublicRegistryReader } from './services/publicRegistry.js';
import { RegistryCache } from './services/registryCache.js';
import { RegistryIndex } from './services/registryIndex.js';
import { SettingsService } from './services/settings.js';
import { backfillLog } from './transparency/logStore.js';
import { LogSigner } from './transparency/signer.js';

export function createContext(config: Config, database: Database, cipher: FieldCipher): AppContext {
  return {
    config,
    database,
    db: database.db,
    cipher,
    calendar: new CalendarService(database.db),
    settings: new SettingsService(database.db),
    registry: new PublicRegistryReader(
      database.db,
      new RegistryCache(config.publicCacheMs),
      config.publicSearchIndex ? new RegistryIndex(database.db, { ttlMs: config.publicCacheMs }) : undefined,
    ),
    logSigner: LogSigner.load(config.logKey, cipher),
    now: () => new Date(),
  };
}

export interface BootstrapOptions {
  /** Reports a database connection lost while idle (the pool replaces it); the server passes its logger. */
  onPoolError?: (err: Error) => void;
}

export async function bootstrap(config: Config = loadConfig(), opts: BootstrapOptions = {}): Promise<AppContext> {
  const { input } = loadKeyring({ keys: config.keys, indexKey: process.env.VCP_INDEX_KEY, dataDir: config.dataDir });
  const cipher = new FieldCipher(input);
  configureCryptoPool(config.cryptoThreads);
  const database = await openDatabase({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    pgliteThread: config.pgliteThread,
    ...(opts.onPoolError ? { onPoolError: opts.onPoolError } : {}),
  });
  try {
    await migrateDatabase(database);
    // The data part of the transparency log's migration: leaves for public events from before the log (SPEC §11).
    await backfillLog(database.db, lockPublicEvents);
    const ctx = createContext(config, database, cipher);
    await ctx.calendar.seedOfficial();
    await seedPartners(database.db);
    return ctx;
  } catch (err) {
    await database.close();
    throw err;
  }
}
