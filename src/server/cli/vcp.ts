/**
 * `npm run vcp -- <command>`: the operators' tool. It opens the same database as the server (DATA_DIR or
 * DATABASE_URL); on the embedded database the server must be stopped first, since one folder has one owner.
 *
 *   audit verify                 walk the SM3 chain of the audit log and name the first broken entry
 *   calendar import <file>       enter a year: JSON { year, source, holidays: [{date,name}], workdays: [...] } or the
 *                                notice's plain text; open deadlines in that year are recomputed
 *   calendar list                the years the calendar holds
 *   user create --email E --role reviewer|admin|complaints [--role …] --password P [--name N]
 *                                a staff account; prints its TOTP enrolment (otpauth:// URI and a QR code)
 *   backup <file>                the whole database in one file (gzip JSON lines, SM3-checked); the keys are NOT in it
 *   restore <file> [--force]     replace the database with a backup; refused while in use or holding data (--force)
 *   keys status                  sealed values by key id; which keys are unused and may be removed
 *   keys rotate [--batch N]      start a rotation (new active key), or re-seal everything not yet under the active key
 *   keys remove <kid>            drop an old key from the key file, only when nothing uses it
 *   log verify [--url URL] [--state FILE] [--key FILE]
 *                                check the transparency log (SPEC §11): of a running instance over HTTP (--url, no
 *                                database needed) or in the database; every leaf against the public events/records,
 *                                the signed head, consistency with a head saved by an earlier run (--state); names
 *                                the first wrong leaf
 *   log publish                  sign a tree head of the log as it stands now
 *   demo seed --filings N [--seed S] [--batch B]
 *                                N synthetic filings in every state, with demo applicants and staff (SPEC §6);
 *                                the same seed on the same day gives the same data; refused when a partner agency
 *                                has a webhook or email set, so demo data never reaches one; an interrupted run
 *                                is continued by the same command
 *
 * SIGINT or SIGTERM (cli/stop.ts): demo seed, keys rotate, backup and restore stop after the batch they are writing
 * (restore rolls back whole), say what was done and how to go on, and exit 130 (SIGINT) or 143 (SIGTERM); other
 * commands stop at once, the open transaction rolled back by the database.
 */
import fs from 'node:fs';
import { bootstrap } from '../bootstrap.js';
import { loadConfig } from '../config.js';
import { runCommand } from './commands.js';
import { logVerify, verifiesOverHttp } from './logCommands.js';
import { CommandStop } from './stop.js';

const stop = new CommandStop((line) => process.stderr.write(`${line}\n`));
stop.install();

async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === 'help') {
    process.stdout.write(
      fs
        .readFileSync(new URL(import.meta.url))
        .toString()
        .split('*/')[0]
        ?.replace(/^\/\*\*?/, '') ?? '',
    );
    return 0;
  }
  if (argv[0] === 'log' && argv[1] === 'verify' && verifiesOverHttp(argv.slice(2))) {
    return logVerify(undefined, argv.slice(2), (line) => process.stdout.write(`${line}\n`));
  }
  // The tool answers no requests, so PGlite stays on this thread: nothing waits behind its statements, and the demo
  // seed's COPY from a blob (db/copyInsert.ts) needs the database object itself, not the thread's stand-in. For the
  // same reason attachment chunks are sealed here too, without starting crypto threads (crypto/cryptoPool.ts).
  const ctx = await bootstrap({ ...loadConfig(), pgliteThread: false, cryptoThreads: 0 });
  try {
    const code = await runCommand(ctx, argv, (line) => process.stdout.write(`${line}\n`), stop);
    // A signal the command did not stop for (it came as the work ended): still reported as the signal's code.
    return code === 0 && stop.name ? stop.code : code;
  } finally {
    await ctx.database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
