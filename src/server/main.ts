/** `npm start`: one process serving the API (and the web UI) on PORT. */
import { bootstrap } from './bootstrap.js';
import { loadConfig } from './config.js';
import { DataDirLockedError } from './db/dataDirLock.js';
import { startJobs } from './jobs/index.js';

async function main() {
  const config = loadConfig();
  let ctx: Awaited<ReturnType<typeof bootstrap>>;
  // The app's modules load while the database opens: a restart answers sooner.
  const appModule = import('./app.js');
  try {
    ctx = await bootstrap(config);
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const app = await (await appModule).buildApp(ctx);
  const jobs = startJobs(ctx, app.log);
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await jobs.stop();
    await app.close();
    await ctx.database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  app.log.info(
    { db: ctx.database.kind, dataDir: ctx.database.kind === 'pglite' ? config.dataDir : undefined },
    'VCP Filing is ready',
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
