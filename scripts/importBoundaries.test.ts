/**
 * The import boundaries of docs/ARCHITECTURE.md are lint rules (biome.json `overrides`, `noRestrictedImports`), so
 * `npm run lint` (CI) fails on a violation. This proves the rules bite: probe files that break each boundary, linted
 * with the project's own biome.json in a scratch folder of the same layout, are refused; files within the
 * boundaries pass.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIOME = path.join(ROOT, 'node_modules/@biomejs/biome/bin/biome');
let dir = '';

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vcp-boundaries-'));
  const config = JSON.parse(fs.readFileSync(path.join(ROOT, 'biome.json'), 'utf8'));
  config.vcs = { enabled: false };
  config.files = { ignoreUnknown: true };
  fs.writeFileSync(path.join(dir, 'biome.json'), JSON.stringify(config));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

async function lint(file: string, source: string): Promise<{ ok: boolean; out: string }> {
  const full = path.join(dir, file);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, source);
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIOME, 'lint', file], { cwd: dir });
    return { ok: true, out: stdout + stderr };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    return { ok: false, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

const probe = (from: string) => `import { x } from '${from}';\n\nexport const y = x;\n`;

describe('import boundaries', () => {
  it('refuses a web feature importing another feature', async () => {
    const r = await lint('src/web/features/admin/pages/Probe.ts', probe('../../review/api/review.js'));
    expect(r.ok).toBe(false);
    expect(r.out).toContain('noRestrictedImports');
  });

  it('refuses src/shared importing the server or the web', async () => {
    for (const from of ['../server/lib/errors.js', '../../web/lib/api.js', 'react']) {
      const r = await lint('src/shared/filing/Probe.ts', probe(from));
      expect(r.ok, from).toBe(false);
    }
  });

  it('refuses components/ and lib/ importing a feature, and the web importing the server', async () => {
    expect((await lint('src/web/components/Probe.ts', probe('../features/auth/api/auth.js'))).ok).toBe(false);
    expect((await lint('src/web/lib/Probe.ts', probe('../../server/lib/errors.js'))).ok).toBe(false);
  });

  it('lets a feature import its own files, lib/, components/ and src/shared', async () => {
    const source = [
      "import { a } from '../api/review.js';",
      "import { b } from '../../../lib/api.js';",
      "import { c } from '../../../components/StatusTag.js';",
      "import { d } from '../../../../shared/filing/status.js';",
      '',
      'export const y = [a, b, c, d];',
      '',
    ].join('\n');
    const r = await lint('src/web/features/review/pages/Probe.ts', source);
    expect(r.out).not.toContain('noRestrictedImports');
  });
});
