/**
 * `npm run bench:bundle`: the gzip size of the JavaScript each page loads, from the Vite manifest of the build,
 * against its budget (issue 14): a page of the signed-in app, loaded first, ≤ 250 KB gzip; the filing editor
 * ≤ 350 KB. A missed budget sets the exit code to 1. The baseline is the bare runtime (react, react-dom,
 * react-router) bundled alone in the same run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'dist/web');

interface Chunk {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
  isEntry?: boolean;
  src?: string;
}
type Manifest = Record<string, Chunk>;

const gz = (file: string) => gzipSync(fs.readFileSync(path.join(OUT, file))).length;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** The files a chunk needs at once: itself and its static imports, transitively. */
function closure(m: Manifest, key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const dep of m[key]?.imports ?? []) closure(m, dep, seen);
  return seen;
}

function pageSize(m: Manifest, entry: string, page?: string): number {
  const keys = closure(m, entry);
  if (page) for (const k of closure(m, page)) keys.add(k);
  return [...keys].reduce((sum, k) => sum + gz((m[k] as Chunk).file), 0);
}

async function baseline(): Promise<number> {
  // Inside the project, so that the packages resolve from its node_modules.
  const dir = path.join(ROOT, 'node_modules/.cache/vcp-bundle-baseline');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'main.js'),
    "import { createRoot } from 'react-dom/client'; import { createBrowserRouter, RouterProvider } from 'react-router';\n" +
      "import { createElement } from 'react';\n" +
      "createRoot(document.body).render(createElement(RouterProvider, { router: createBrowserRouter([{ path: '/', element: 'hi' }]) }));\n",
  );
  fs.writeFileSync(path.join(dir, 'index.html'), '<script type="module" src="./main.js"></script>');
  await build({ root: dir, logLevel: 'silent', configFile: false, build: { outDir: path.join(dir, 'out') } });
  const assets = path.join(dir, 'out/assets');
  const size = fs
    .readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .reduce((s, f) => s + gzipSync(fs.readFileSync(path.join(assets, f))).length, 0);
  fs.rmSync(dir, { recursive: true, force: true });
  return size;
}

async function main() {
  const manifest = JSON.parse(fs.readFileSync(path.join(OUT, '.vite/manifest.json'), 'utf8')) as Manifest;
  const entry = Object.keys(manifest).find((k) => manifest[k]?.isEntry) as string;
  const find = (name: string) => Object.keys(manifest).find((k) => k.endsWith(name)) as string;
  const login = pageSize(manifest, entry, find('LoginPage.tsx'));
  const editor = pageSize(manifest, entry, find('FilingEditorPage.tsx'));
  const KB = 1024;
  /** Each route's first load (entry + the page's chunks) and its budget. */
  const routes: { route: string; page: string; budget: number }[] = [
    { route: '/login', page: 'LoginPage.tsx', budget: 250 * KB },
    { route: '/filings', page: 'FilingsListPage.tsx', budget: 250 * KB },
    { route: '/filings/:id', page: 'FilingStatusPage.tsx', budget: 250 * KB },
    { route: '/notifications', page: 'NotificationsPage.tsx', budget: 250 * KB },
    { route: '/review', page: 'ReviewQueuePage.tsx', budget: 250 * KB },
    { route: '/review/filings/:id', page: 'ReviewFilingPage.tsx', budget: 350 * KB },
    { route: '/handling', page: 'ComplaintQueuePage.tsx', budget: 250 * KB },
    { route: '/admin/deliveries', page: 'DeliveriesPage.tsx', budget: 250 * KB },
    { route: '/filings/:id/edit (editor)', page: 'FilingEditorPage.tsx', budget: 350 * KB },
    { route: '/changes/:id (editor)', page: 'ChangeEditorPage.tsx', budget: 350 * KB },
  ];
  let missed = 0;
  console.log(`entry alone (every page): ${kb(pageSize(manifest, entry))} gzip`);
  for (const r of routes) {
    const key = find(r.page);
    if (!key) continue;
    const size = pageSize(manifest, entry, key);
    const ok = size <= r.budget;
    if (!ok) missed++;
    console.log(
      `${r.route.padEnd(30)} ${kb(size).padStart(9)} gzip — budget ${kb(r.budget)}: ${ok ? 'met' : 'MISSED'}`,
    );
  }
  if (missed) process.exitCode = 1;
  const all = Object.values(manifest).reduce((s, c) => s + (c.file.endsWith('.js') ? gz(c.file) : 0), 0);
  let base: number | undefined;
  try {
    base = await baseline();
  } catch (err) {
    console.warn(`baseline not measured: ${(err as Error).message}`);
  }
  console.log(`all JavaScript:          ${kb(all)} gzip`);
  if (base) {
    console.log(`baseline (react + react-dom + react-router alone): ${kb(base)} gzip`);
    console.log(
      `ratio login / baseline: ${(login / base).toFixed(2)}x; editor / baseline: ${(editor / base).toFixed(2)}x`,
    );
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
