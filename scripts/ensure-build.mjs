#!/usr/bin/env node
/**
 * `npm start` runs this first: it builds server and web only when the tree has no build yet or a source is newer
 * than the last build, so a restart on a built tree starts at once (issue 8) while a fresh clone still works with the
 * README's one command. `npm run build` ends with `--stamp`, which records what the build saw in dist/.build-stamp.
 *
 *   node scripts/ensure-build.mjs           build if needed (VCP_FORCE_BUILD=1: always)
 *   node scripts/ensure-build.mjs --stamp   write the stamp (the last step of `npm run build`)
 *
 * "Newest" is the newest modification time of any file or folder under src/ (tests excluded: they are not built),
 * of index.html and of the build's configuration. Folders count because deleting a file changes its folder's time.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STAMP = path.join(ROOT, 'dist', '.build-stamp');
const OUTPUTS = ['dist/server/main.js', 'dist/server/cli/vcp.js', 'dist/web/index.html'];
const CONFIG_FILES = [
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.build.json',
  'vite.config.ts',
  'src/web/index.html',
];

const isTest = (name) => /\.test\.tsx?$/.test(name);

function newestUnder(dir) {
  let newest = 0;
  let stat;
  try {
    stat = fs.statSync(dir);
  } catch {
    return 0;
  }
  newest = stat.mtimeMs;
  if (!stat.isDirectory()) return newest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && entry.name === 'test' && dir.endsWith(path.join('src', 'server'))) continue;
    if (!entry.isDirectory() && isTest(entry.name)) continue;
    newest = Math.max(newest, newestUnder(path.join(dir, entry.name)));
  }
  return newest;
}

/** The newest modification time among the build's inputs, in milliseconds. */
function newestSource() {
  let newest = newestUnder(path.join(ROOT, 'src'));
  for (const f of CONFIG_FILES) newest = Math.max(newest, newestUnder(path.join(ROOT, f)));
  return newest;
}

/** Why a build is needed, or null when the build on disk is current. */
function staleReason() {
  if (process.env.VCP_FORCE_BUILD === '1') return 'VCP_FORCE_BUILD=1';
  let stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(STAMP, 'utf8'));
  } catch {
    return 'no build yet';
  }
  const missing = OUTPUTS.find((f) => !fs.existsSync(path.join(ROOT, f)));
  if (missing) return `${missing} is missing`;
  if (typeof stamp.sourcesNewest !== 'number') return 'the build stamp is unreadable';
  if (newestSource() > stamp.sourcesNewest) return 'sources changed since the last build';
  return null;
}

function writeStamp() {
  fs.mkdirSync(path.dirname(STAMP), { recursive: true });
  const stamp = { builtAt: new Date().toISOString(), sourcesNewest: newestSource() };
  fs.writeFileSync(STAMP, `${JSON.stringify(stamp)}\n`);
}

function main() {
  if (process.argv.includes('--stamp')) {
    writeStamp();
    return;
  }
  const reason = staleReason();
  if (!reason) return;
  process.stderr.write(`Building server and web UI (${reason})…\n`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

main();
