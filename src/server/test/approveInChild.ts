/**
 * Approves one filing in a process of its own, for the crash tests (routes/review/numbers.test.ts): started with
 * `node --import tsx`, it opens DATABASE_URL with the keys of VCP_KEYS / VCP_INDEX_KEY and calls approveFiling as
 * reviewer REVIEWER_ID at the clock NOW. With VCP_FAULT=approve.afterNumber it dies by SIGKILL mid-transaction.
 * Prints the issued number and exits 0 when it gets through.
 */
import { createContext } from '../bootstrap.js';
import { approveFiling } from '../commands/approveFiling.js';
import { loadConfig } from '../config.js';
import { FieldCipher } from '../crypto/fieldCipher.js';
import { loadKeyring } from '../crypto/keys.js';
import { openDatabase } from '../db/client.js';

function need(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is required`);
  return v;
}

const config = loadConfig();
const { input } = loadKeyring({ keys: need('VCP_KEYS'), indexKey: need('VCP_INDEX_KEY'), dataDir: '/nonexistent' });
const database = await openDatabase({ dataDir: '/nonexistent', databaseUrl: need('DATABASE_URL') });
const ctx = createContext(config, database, new FieldCipher(input));
const now = new Date(need('NOW'));
ctx.now = () => now;
try {
  const row = await approveFiling(ctx, {
    user: { id: need('REVIEWER_ID'), roles: ['reviewer'], displayName: null, emailEnc: '', sessionId: 'child' },
    filingId: need('FILING_ID'),
  });
  process.stdout.write(`${row.filingNumber}\n`);
} finally {
  await database.close();
}
