/** The fixture server of `npm run bench:monitor`, in its own process: prints its port, stops on SIGTERM. */
import { startFixtureServer } from '../src/server/monitor/fixtureServer.js';

const fx = await startFixtureServer();
process.stdout.write(`${fx.port}\n`);
process.on('SIGTERM', () => {
  void fx.close().then(() => process.exit(0));
});
