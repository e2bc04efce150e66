import type { TestProject } from 'vitest/node';
import { makePostgresTemplate, withAdmin } from './templates.js';
import './globalPglite.js';

export default async function setup(project: TestProject) {
  const name = `vcp_tpl_${process.pid}`;
  await makePostgresTemplate(name);
  project.provide('dbKind', 'postgres');
  project.provide('pgTemplate', name);
  return async () => {
    await withAdmin(async (c) => {
      const { rows } = await c.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [
        `${name}%`,
      ]);
      for (const r of rows) await c.query(`drop database if exists "${r.datname}" with (force)`);
    });
  };
}
