/**
 * `npm start`: one process serving the API (and the web UI) on PORT, and the background jobs.
 *
 * Shutdown (issue 8, SPEC §12): SIGTERM or SIGINT stops accepting connections, lets the requests in flight finish,
 * lets the outbox worker and the scheduler finish their current run, closes the database and the crypto threads
 * (crypto/cryptoPool.ts) and exits. If that takes longer than SHUTDOWN_GRACE_MS, or a second signal comes, the
 * process exits at once; nothing waits on stdout.
 */
import pino from 'pino';
import { bootstrap } from './bootstrap.js';
import { loadConfig } from './config.js';
import { closeCryptoPool } from './crypto/cryptoPool.js';
import { DataDirLockedError } from './db/dataDirLock.js';
import { startJobs } from './jobs/index.js';
import { stdoutLogDestination } from './lib/logDestination.js';
import { LOG_REDACT_PATHS } from './lib/logging.js';

const SHUTDOWN_GRACE_MS = 8_000;

async function main() {
  const config = loadConfig();
  const destination = stdoutLogDestination();
  const log = pino(
    { level: config.logLevel, redact: { paths: LOG_REDACT_PATHS, censor: '[redacted]' } },
    destination.stream,
  );
  const exit = async (code: number) => {
    await destination.flush(500);
    process.exit(code);
  };
  // The app's modules load while the database opens: a restart answers sooner.
  const appModule = import('./app.js');
  let ctx: Awaited<ReturnType<typeof bootstrap>>;
  try {
    ctx = await bootstrap(config, {
      onPoolError: (err) =>
        log.error({ err: { message: err.message, code: errCode(err) } }, 'database connection lost'),
    });
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      log.fatal(err.message);
      // Said on stderr too: whoever typed `npm start` reads it there, whatever the logs go to.
      process.stderr.write(`${err.message}\n`);
      return exit(2);
    }
    throw err;
  }
  const app = await (await appModule).buildApp(ctx, { logStream: destination.stream });
  const jobs = startJobs(ctx, app.log);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) {
      log.warn({ signal }, 'second signal: exiting now');
      return exit(1);
    }
    closing = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      log.error({ graceMs: SHUTDOWN_GRACE_MS }, 'shutdown took too long: exiting now');
      void exit(1);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    try {
      // New requests are refused and new job runs are not started; both finish what they have begun.
      await Promise.all([app.close(), jobs.stop()]);
      // The crypto threads only after the requests: an upload in flight still seals its last chunks.
      await Promise.all([ctx.database.close(), closeCryptoPool()]);
      log.info('stopped');
      await exit(0);
    } catch (err) {
      log.error({ err }, 'shutdown failed');
      await exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  app.log.info(
    { db: ctx.database.kind, dataDir: ctx.database.kind === 'pglite' ? config.dataDir : undefined },
    'VCP Filing is ready',
  );
  // The public registry's index is built now, in the background, so that searches after a restart soon stop going
  // through SQL (services/registryIndex.ts).
  const index = ctx.registry.index;
  if (index) {
    const started = performance.now();
    index.warm().then(
      (records) =>
        app.log.info({ records, ms: Math.round(performance.now() - started) }, 'public registry index built'),
      () => {}, // reported by the index's onError
    );
  }
}

function errCode(err: Error): string | undefined {
  return (err as { code?: string }).code;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
