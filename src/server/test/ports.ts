/**
 * A TCP port free on 127.0.0.1 now, for a server a test (or benchmark) starts in a child process: the system picks it
 * (port 0), so two runs on one machine never draw the same one, as random numbers in a range did (a test once met
 * `EADDRINUSE`, and could as well have talked to another run's server).
 */
import net from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no port was assigned'))));
    });
  });
}
