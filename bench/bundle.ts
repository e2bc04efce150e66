/**
 * `npm run bench:bundle`: the gzip size of the JavaScript each route of the web app loads first, from the Vite
 * manifest of the build, against its budget (issue 14): every route ≤ 250 KB gzip, the step editor's pages
 * (the filing and change editors) ≤ 350 KB. A missed budget sets the exit code to 1.
 *
 * The routes are read from src/web/app/router.tsx, so a new page is measured without editing this file; a route
 * whose page is missing from the manifest is an error, not a skip. A route's first load is the entry and the page's
 * chunk with their static imports (each file gzipped on its own, as it is sent); what the page can load later by
 * itself (`React.lazy`: its dialogs, the dashboard's charts drawn after its figures, antd parts deferred by
 * vite.config.ts) is printed beside it as "on demand", an upper bound: most of it loads only when used. For a route over its
 * budget the biggest packages it adds to the entry are listed (from the build's module report, vite.config.ts).
 * The baseline is the bare runtime (react, react-dom, react-router) bundled alone in the same run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { paths } from '../src/web/config/paths.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'dist/web');
const REPORT = path.join(ROOT, 'node_modules/.cache/vcp-bundle/modules.json');
const ROUTER = path.join(ROOT, 'src/web/app/router.tsx');
const KB = 1024;
const BUDGET = 250 * KB;
const EDITOR_BUDGET = 350 * KB;
/** The module that makes a page an editor page (its budget is EDITOR_BUDGET). */
const EDITOR_MODULE = 'src/web/features/filings/components/editor/StepEditor.tsx';

interface Chunk {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
  isEntry?: boolean;
  src?: string;
}
type Manifest = Record<string, Chunk>;
/** Output file → its modules (path from the project root) → rendered length. */
type Report = Record<string, Record<string, number>>;

const gzCache = new Map<string, number>();
const gz = (file: string) => {
  const known = gzCache.get(file);
  if (known !== undefined) return known;
  const n = gzipSync(fs.readFileSync(path.join(OUT, file))).length;
  gzCache.set(file, n);
  return n;
};
const kb = (n: number) => `${(n / KB).toFixed(1)} KB`;

/** The manifest keys a chunk needs at once: itself and its static imports, transitively. */
function closure(m: Manifest, key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const dep of m[key]?.imports ?? []) closure(m, dep, seen);
  return seen;
}
const jsOf = (m: Manifest, keys: Iterable<string>) =>
  [...keys].map((k) => (m[k] as Chunk).file).filter((f) => f.endsWith('.js'));
const sizeOf = (files: string[]) => files.reduce((sum, f) => sum + gz(f), 0);

/** Every route with a lazily loaded page in the router, as `{ route, page }` (page: its manifest key). */
function routesOfRouter(): { route: string; page: string }[] {
  const src = fs.readFileSync(ROUTER, 'utf8');
  const re = /path:\s*(paths\.\w+|'[^']+'),\s*lazy:[\s\S]*?import\('([^']+)'\)/g;
  const found = [...src.matchAll(re)].map(([, p, spec]) => {
    const route = p?.startsWith('paths.') ? paths[p.slice(6) as keyof typeof paths] : p?.slice(1, -1);
    if (typeof route !== 'string') throw new Error(`router.tsx: ${p} is not a fixed path of config/paths.ts`);
    const page = path.posix.normalize(path.posix.join('app', spec as string)).replace(/\.js$/, '.tsx');
    return { route, page };
  });
  const lazies = src.match(/lazy:/g)?.length ?? 0;
  if (found.length !== lazies) throw new Error(`router.tsx: ${lazies} lazy routes but ${found.length} understood`);
  return found;
}

/** The biggest packages (or app folders) in these files, each file's gzip shared by its modules' rendered lengths. */
function biggestParts(report: Report, files: string[], n = 8): string {
  const parts = new Map<string, number>();
  for (const file of files) {
    const modules = report[file];
    if (!modules) continue;
    const total = Object.values(modules).reduce((s, v) => s + v, 0) || 1;
    for (const [id, len] of Object.entries(modules)) {
      const nm = id.split('node_modules/').pop() as string;
      const name = id.includes('node_modules/')
        ? nm
            .split('/')
            .slice(0, nm.startsWith('@') ? 2 : nm.startsWith('antd/es/') ? 3 : 1)
            .join('/')
        : id.split('/').slice(0, 4).join('/');
      parts.set(name, (parts.get(name) ?? 0) + (gz(file) * len) / total);
    }
  }
  return [...parts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, size]) => `${name} ${kb(size)}`)
    .join(', ');
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
  if (!fs.existsSync(REPORT)) throw new Error(`${REPORT} missing: build with this project's vite.config.ts`);
  const report = JSON.parse(fs.readFileSync(REPORT, 'utf8')) as Report;
  const entry = Object.keys(manifest).find((k) => manifest[k]?.isEntry) as string;
  const entryKeys = closure(manifest, entry);
  const entryFiles = jsOf(manifest, entryKeys);
  console.log(`entry (every page loads it): ${kb(sizeOf(entryFiles))} gzip in ${entryFiles.length} files`);
  console.log(`  ${entryFiles.map((f) => `${path.basename(f)} ${kb(gz(f))}`).join(', ')}`);
  console.log(`  biggest: ${biggestParts(report, entryFiles, 12)}`);

  const pageKeys = new Set(routesOfRouter().map((r) => r.page));
  let missed = 0;
  let login = 0;
  let editor = 0;
  for (const { route, page } of routesOfRouter()) {
    if (!manifest[page]) throw new Error(`${route}: ${page} is not in the build's manifest`);
    const keys = new Set([...entryKeys, ...closure(manifest, page)]);
    const files = jsOf(manifest, keys);
    const size = sizeOf(files);
    const isEditor = files.some((f) => report[f]?.[EDITOR_MODULE] !== undefined);
    const budget = isEditor ? EDITOR_BUDGET : BUDGET;
    const ok = size <= budget;
    if (!ok) missed++;
    if (route === paths.login) login = size;
    if (page.endsWith('FilingEditorPage.tsx')) editor = size;
    // What the page may load later by itself (React.lazy: dialogs, charts, antd's deferred parts), not other pages.
    const later = new Set<string>();
    for (const k of closure(manifest, page))
      for (const d of manifest[k]?.dynamicImports ?? [])
        if (!pageKeys.has(d)) for (const c of closure(manifest, d)) if (!keys.has(c)) later.add(c);
    const laterSize = sizeOf(jsOf(manifest, later));
    console.log(
      `${`${route}${isEditor ? ' (editor)' : ''}`.padEnd(34)} ${kb(size).padStart(9)} gzip — budget ${kb(budget)}: ${
        ok ? 'met' : 'MISSED'
      }${laterSize ? ` (+ up to ${kb(laterSize)} on demand)` : ''}`,
    );
    if (!ok)
      console.log(
        `    biggest beyond the entry: ${biggestParts(
          report,
          files.filter((f) => !entryFiles.includes(f)),
        )}`,
      );
  }
  if (missed) {
    console.log(`${missed} route(s) over budget`);
    process.exitCode = 1;
  } else console.log('every route within its budget');
  const all = Object.values(manifest).reduce((s, c) => s + (c.file.endsWith('.js') ? gz(c.file) : 0), 0);
  console.log(`all JavaScript: ${kb(all)} gzip`);
  let base: number | undefined;
  try {
    base = await baseline();
  } catch (err) {
    console.warn(`baseline not measured: ${(err as Error).message}`);
  }
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
