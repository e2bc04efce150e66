import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './dataDirLock.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'vcp-lock-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('the data folder lock', () => {
  it('refuses a second owner while the first is alive, and frees the folder on release', () => {
    const dir = tempDir();
    const release = lockDataDir(dir);
    fs.writeFileSync(path.join(dir, 'vcp.lock'), String(process.ppid)); // a live process other than us
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    fs.writeFileSync(path.join(dir, 'vcp.lock'), String(process.pid));
    release();
    expect(fs.existsSync(path.join(dir, 'vcp.lock'))).toBe(false);
    lockDataDir(dir)();
  });

  it('takes over a lock left by a process that died', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'vcp.lock'), '2147480000');
    const release = lockDataDir(dir);
    expect(fs.readFileSync(path.join(dir, 'vcp.lock'), 'utf8')).toBe(String(process.pid));
    release();
  });

  it('makes `npm start` refuse a folder another process holds, with a clear message', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'vcp.lock'), String(process.pid));
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = execFile(
        'npx',
        ['tsx', 'src/server/main.ts'],
        { env: { ...process.env, DATA_DIR: dir, PORT: '0', DATABASE_URL: '' } },
        () => {},
      );
      let stderr = '';
      child.stderr?.on('data', (d) => {
        stderr += d;
      });
      child.on('exit', (code) => resolve({ code, stderr }));
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`is in use by process ${process.pid}`);
    expect(result.stderr).toContain('已被另一个进程');
  }, 60_000);
});
