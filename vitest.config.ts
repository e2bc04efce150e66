/**
 * Three projects: the isomorphic shared code once, and the server suite on PGlite and again on PostgreSQL
 * when a server is reachable (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres).
 * VCP_TEST_DB=pglite or =postgres runs the server suite on one of them only.
 */
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { isPostgresReachable } from './src/server/test/templates.js';

const only = process.env.VCP_TEST_DB;
const server = (name: string, globalSetup: string): TestProjectInlineConfiguration => ({
  test: {
    name,
    include: ['src/server/**/*.test.ts'],
    globalSetup: [globalSetup],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

const projects: TestProjectInlineConfiguration[] = [
  { test: { name: 'shared', include: ['src/shared/**/*.test.ts', 'scripts/**/*.test.ts'] } },
  // Component tests of the web app, in a DOM (jsdom) with Testing Library.
  {
    test: {
      name: 'web',
      include: ['src/web/**/*.test.tsx'],
      environment: 'jsdom',
      setupFiles: ['./src/web/test/setup.ts'],
      testTimeout: 60_000,
    },
  },
];
if (only !== 'postgres') projects.push(server('pglite', './src/server/test/globalPglite.ts'));
if (only !== 'pglite') {
  if (await isPostgresReachable()) projects.push(server('postgres', './src/server/test/globalPostgres.ts'));
  else if (only === 'postgres') throw new Error('VCP_TEST_DB=postgres but no PostgreSQL server is reachable');
  else console.warn('[vitest] No PostgreSQL server reachable: the server suite runs on PGlite only.');
}

export default defineConfig({ test: { projects, pool: 'forks' } });
