import fs from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * Writes `.br` and `.gz` beside every compressible file of the build, once, at build time: the server sends them
 * (@fastify/static `preCompressed`) instead of compressing on every request.
 */
function precompress(): Plugin {
  return {
    name: 'vcp-precompress',
    apply: 'build',
    writeBundle(options) {
      const dir = options.dir ?? 'dist/web';
      const walk = (d: string): string[] =>
        fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => {
          const p = path.join(d, e.name);
          return e.isDirectory() ? walk(p) : [p];
        });
      for (const file of walk(dir)) {
        if (!/\.(js|css|html|svg|json|txt|map)$/.test(file)) continue;
        const bytes = fs.readFileSync(file);
        if (bytes.length < 1024) continue;
        fs.writeFileSync(`${file}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
        fs.writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
      }
    },
  };
}

/**
 * antd's components import parts that few pages or none render, and a bundler keeps every import a component might
 * render: Card imports Tabs (for `tabList`, with Dropdown and Menu behind it) and Skeleton (`loading`), Table the
 * column filter dropdown (Tree, Menu, Dropdown), the row selection's Checkbox, Radio and Dropdown and the virtual
 * table, Pagination a Select (the page-size changer), List a Pagination, Typography its inline editor and its
 * tooltips (copy, edit, ellipsis: Tooltip and Trigger on every page with text), Input its text area, search box,
 * one-time-code box and group (with Space) as statics, Form's label, Steps, Table's sorter,
 * Segmented, Progress's circle and Upload's list items a Tooltip for a prop few use, Modal a Skeleton, ConfigProvider
 * the shared-tooltip provider (Trigger) for `tooltip.unique`, Result three large illustrations (403, 404, 500).
 * Those imports resolve here to a small component that loads the real one the first time it renders (React.lazy;
 * nothing shows meanwhile, or the children for a tooltip, and a missing illustration stays missing): a page that
 * never uses them never loads them, and one that does still works. `to` instead points a barrel import at the one
 * module it needs (antd's form context takes the whole form library for its provider), `code` replaces one (Table's
 * row selection takes the tree library for three helpers, Table the table library's virtual table with its virtual
 * list, Radio.Group the form library). The build fails if antd stops importing one of them the way this expects (an
 * upgrade moved it), so the list cannot go stale silently. Dev mode (pre-bundled antd) keeps them all.
 */
const RC_TABLE = `export { EXPAND_COLUMN, INTERNAL_HOOKS } from '@rc-component/table/es/constant.js';
export { FooterComponents as Summary } from '@rc-component/table/es/Footer/index.js';
export { default as Column } from '@rc-component/table/es/sugar/Column.js';
export { default as ColumnGroup } from '@rc-component/table/es/sugar/ColumnGroup.js';
export { default, genTable } from '@rc-component/table/es/Table.js';
export { INTERNAL_COL_DEFINE } from '@rc-component/table/es/utils/legacyUtil.js';
export { convertChildrenToColumns } from '@rc-component/table/es/hooks/useColumns/index.js';`;
const ANTD = /antd[\\/]es[\\/]/.source;
const inAntd = (file: string) => new RegExp(`${ANTD}${file.replaceAll('/', '[\\\\/]').replaceAll('.', '\\.')}$`);
const ANTD_TRIM: {
  importer: RegExp;
  source: string;
  keep?: string;
  to?: string;
  code?: string;
  decorative?: boolean;
  /** Show the children while the real component loads (a tooltip round a button). */
  passChildren?: boolean;
}[] = [
  { importer: inAntd('card/Card.js'), source: '../tabs' },
  { importer: inAntd('card/Card.js'), source: '../skeleton' },
  { importer: inAntd('modal/Modal.js'), source: '../skeleton' },
  { importer: inAntd('config-provider/index.js'), source: '../tooltip/UniqueProvider' },
  { importer: inAntd('form/context.js'), source: '@rc-component/form', to: '@rc-component/form/es/FormContext.js' },
  { importer: inAntd('pagination/Pagination.js'), source: '../select' },
  { importer: inAntd('list/index.js'), source: '../pagination' },
  {
    importer: inAntd('table/hooks/useFilter/index.js'),
    source: './FilterDropdown',
    // Also called by useFilter for columns without filters.
    keep: `export function flattenKeys(filters) {
  let keys = [];
  (filters || []).forEach(({ value, children }) => {
    keys.push(value);
    if (children) keys = [...keys, ...flattenKeys(children)];
  });
  return keys;
}`,
  },
  ...['../../checkbox', '../../dropdown', '../../radio'].map((source) => ({
    importer: inAntd('table/hooks/useSelection.js'),
    source,
  })),
  {
    importer: inAntd('table/hooks/useSelection.js'),
    source: '@rc-component/tree',
    code: `export { conductCheck } from '@rc-component/tree/es/utils/conductUtil.js';
export { convertDataToEntities } from '@rc-component/tree/es/utils/treeUtil.js';
// As in @rc-component/tree/es/util.js, which also loads the tree's node component.
export function arrDel(list, value) {
  if (!list) return [];
  const clone = list.slice();
  const index = clone.indexOf(value);
  if (index >= 0) clone.splice(index, 1);
  return clone;
}
export function arrAdd(list, value) {
  const clone = (list || []).slice();
  if (clone.indexOf(value) === -1) clone.push(value);
  return clone;
}`,
  },
  {
    // Radio.Group needs one helper of the form's hooks, whose module takes the whole form library.
    importer: inAntd('radio/group.js'),
    source: '../form/hooks/useForm',
    code: `import { toArray } from 'antd/es/form/util.js';
export function toNamePathStr(name) {
  return toArray(name).join('_');
}`,
  },
  { importer: inAntd('table/InternalTable.js'), source: './RcTable/VirtualTable' },
  // The table library without its virtual table (antd's own VirtualTable.js, deferred above, imports the barrel).
  ...['InternalTable.js', 'RcTable/index.js', 'Table.js', 'hooks/useFilledColumns.js', 'hooks/useSelection.js'].map(
    (file) => ({ importer: inAntd(`table/${file}`), source: '@rc-component/table', code: RC_TABLE }),
  ),
  { importer: inAntd('typography/Base/index.js'), source: '../Editable' },
  // Typography's copy button and edit icon, for `copyable` and `editable` text only.
  { importer: inAntd('typography/Base/index.js'), source: './CopyBtn' },
  { importer: inAntd('typography/Base/index.js'), source: '@ant-design/icons/es/icons/EditOutlined' },
  // The input library without its text area (antd's TextArea, deferred above, imports it by itself).
  { importer: inAntd('input/Input.js'), source: '@rc-component/input', to: '@rc-component/input/es/Input.js' },
  // Typography's tooltips (copy button, edit icon, ellipsis): the text shows at once, the tooltip once loaded.
  ...['Base/index.js', 'Base/CopyBtn.js', 'Base/EllipsisTooltip.js'].map((file) => ({
    importer: inAntd(`typography/${file}`),
    source: '../../tooltip',
    passChildren: true,
  })),
  // Input's statics (Input.TextArea, Input.Search, Input.OTP, Input.Group) for the few forms that render them; a
  // group's children show while it loads.
  ...['./OTP', './Search', './TextArea'].map((source) => ({ importer: inAntd('input/index.js'), source })),
  { importer: inAntd('input/index.js'), source: './Group', passChildren: true },
  // Tooltips that show only for some props (a label's `tooltip`, an inline step's content, a sortable column's
  // title, a segmented option's tooltip, a circle's, an upload error's): the child at once, the tooltip once loaded.
  ...(
    [
      ['form/FormItemLabel.js', '../tooltip'],
      ['steps/index.js', '../tooltip'],
      ['table/hooks/useSorter.js', '../../tooltip'],
      ['segmented/index.js', '../tooltip'],
      ['progress/Circle.js', '../tooltip'],
      ['upload/UploadList/ListItem.js', '../../tooltip'],
    ] as const
  ).map(([file, source]) => ({ importer: inAntd(file), source, passChildren: true })),
  ...['./noFound', './serverError', './unauthorized'].map((source) => ({
    importer: inAntd('result/index.js'),
    source,
    decorative: true,
  })),
];
const DEFERRED = '\0vcp-antd-deferred:';

function antdTrim(): Plugin {
  const sources = new Set(ANTD_TRIM.map((t) => t.source));
  return {
    name: 'vcp-antd-trim',
    apply: 'build',
    // Before Vite's own resolver, which would resolve the relative imports first.
    enforce: 'pre',
    async resolveId(source, importer) {
      if (!importer || !sources.has(source) || importer.startsWith(DEFERRED)) return null;
      const i = ANTD_TRIM.findIndex((t) => t.source === source && t.importer.test(importer));
      const trim = ANTD_TRIM[i];
      if (!trim) return null;
      if (trim.code) return `${DEFERRED}${i}:`;
      const real = await this.resolve(trim.to ?? source, importer, { skipSelf: true });
      if (!real || trim.to) return real;
      return `${DEFERRED}${i}:${real.id}`;
    },
    load(id) {
      if (!id.startsWith(DEFERRED)) return null;
      const rest = id.slice(DEFERRED.length);
      const colon = rest.indexOf(':');
      const trim = ANTD_TRIM[Number(rest.slice(0, colon))] as (typeof ANTD_TRIM)[number];
      if (trim.code) return trim.code;
      const load = `import(${JSON.stringify(rest.slice(colon + 1))})`;
      return [
        "import { createElement, lazy, Suspense } from 'react';",
        `const Real = lazy(() => ${trim.decorative ? `${load}.catch(() => ({ default: () => null }))` : load});`,
        'export default function Deferred(props) {',
        `  return createElement(Suspense, { fallback: ${trim.passChildren ? 'props.children ?? null' : 'null'} }, createElement(Real, props));`,
        '}',
        trim.keep ?? '',
      ].join('\n');
    },
    transform: {
      filter: {
        id: /antd[\\/]es[\\/](card|modal|config-provider|form|input|list|pagination|radio|table|typography|result|steps|segmented|progress|upload)[\\/]/,
      },
      handler(code, id) {
        // A deferred stand-in is not antd's module (its id ends like the module it loads).
        if (id.startsWith(DEFERRED)) return null;
        for (const t of ANTD_TRIM) {
          if (t.importer.test(id) && !code.includes(`from '${t.source}'`) && !code.includes(`from "${t.source}"`))
            this.error(`vcp-antd-trim: ${id} no longer imports '${t.source}' (antd upgraded?): update vite.config.ts`);
        }
        return null;
      },
    },
  };
}

/**
 * English on demand: most users read Chinese, so a catalog's English half (shared/i18n/locales/<ns>.ts, the third
 * argument of `defineCatalog`) is not part of the chunk that carries its Chinese. In the build each catalog module
 * is loaded with an empty English half and registers a loader for it (`globalThis.__vcpEnglish`, read by
 * web/lib/i18n.tsx); the loader imports a copy of the same module (`<ns>.vcp-english.ts`) whose Chinese half is the empty
 * one. The web app fetches the English of every catalog it has loaded before it renders in English (at start, at
 * the language switch, and with each page's or dialog's chunk: lib/chunks.ts). Only the build does this: tests,
 * the dev server and the server (tsc) read the catalogs whole. The build fails if a catalog is not written
 * `export const <name>Catalog = defineCatalog('<ns>', {…}, {…})`.
 */
const CATALOG_FILE = /[\\/]src[\\/]shared[\\/]i18n[\\/]locales[\\/][A-Za-z]+\.ts$/;
/** The English copy of `<ns>.ts` is the virtual module `<ns>.vcp-english.ts` beside it (its imports resolve alike). */
const ENGLISH = '.vcp-english.ts';

/** The source ranges of a call's top-level arguments, from the index of its opening parenthesis. */
function callArguments(code: string, open: number): [number, number][] {
  const args: [number, number][] = [];
  const closing: string[] = [];
  let start = open + 1;
  let i = open;
  const skipString = (quote: string) => {
    for (i++; i < code.length && code[i] !== quote; i++) {
      if (code[i] === '\\') i++;
      else if (quote === '`' && code[i] === '$' && code[i + 1] === '{') {
        // A template's expression: only plain ones appear in catalogs, without nested templates.
        i = code.indexOf('}', i);
        if (i < 0) break;
      }
    }
  };
  for (; i < code.length; i++) {
    const c = code[i] as string;
    if (c === "'" || c === '"' || c === '`') skipString(c);
    else if (c === '/' && code[i + 1] === '/') i = code.indexOf('\n', i);
    else if (c === '/' && code[i + 1] === '*') {
      const end = code.indexOf('*/', i);
      i = end < 0 ? -1 : end + 1;
    } else if (c === '(' || c === '{' || c === '[') closing.push(c === '(' ? ')' : c === '{' ? '}' : ']');
    else if (c === ')' || c === '}' || c === ']') {
      if (closing.pop() !== c) throw new Error(`unbalanced ${c} at ${i}`);
      if (closing.length === 0) {
        if (code.slice(start, i).trim()) args.push([start, i]);
        return args;
      }
    } else if (c === ',' && closing.length === 1) {
      args.push([start, i]);
      start = i + 1;
    }
    if (i < 0) break;
  }
  throw new Error('defineCatalog( is not closed');
}

function englishOnDemand(): Plugin {
  const split = (file: string, code: string) => {
    const m = /export const (\w+) = defineCatalog\(/.exec(code);
    if (!m)
      throw new Error(`vcp-english: ${file} has no \`export const …Catalog = defineCatalog(\`: update vite.config.ts`);
    const args = callArguments(code, m.index + m[0].length - 1);
    if (args.length !== 3)
      throw new Error(`vcp-english: ${file}: defineCatalog takes (ns, zh, en), found ${args.length}`);
    const [, zh, en] = args as [[number, number], [number, number], [number, number]];
    return { name: m[1] as string, zh, en };
  };
  return {
    name: 'vcp-english-on-demand',
    apply: 'build',
    enforce: 'pre',
    resolveId(source) {
      return source.endsWith(ENGLISH) ? source : null;
    },
    load(id) {
      const english = id.endsWith(ENGLISH);
      const file = english ? `${id.slice(0, -ENGLISH.length)}.ts` : id;
      if (!CATALOG_FILE.test(file)) return null;
      const code = fs.readFileSync(file, 'utf8');
      const { name, zh, en } = split(file, code);
      // Keep the source's line breaks so that positions in errors stay close to the file's.
      const blank = (r: [number, number]) => `{}${code.slice(r[0], r[1]).replace(/[^\n]/g, '')}`;
      if (english) return `${code.slice(0, zh[0])} ${blank(zh)}${code.slice(zh[1])}`;
      const load = `() => import(${JSON.stringify(file.slice(0, -'.ts'.length) + ENGLISH)}).then((m) => m.${name}.resources.en)`;
      return `${code.slice(0, en[0])} ${blank(en)}${code.slice(en[1])}
// vcp-english-on-demand (vite.config.ts): the English half loads when the app shows English.
((globalThis as unknown as { __vcpEnglish?: Map<unknown, unknown> }).__vcpEnglish ??= new Map()).set(${name}, ${load});
`;
    },
  };
}

/**
 * What each chunk holds, for `npm run bench:bundle` (it names the biggest parts of a page over its budget): every
 * chunk's modules with their rendered length, written outside the served folder.
 */
function bundleReport(): Plugin {
  return {
    name: 'vcp-bundle-report',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks: Record<string, Record<string, number>> = {};
      for (const out of Object.values(bundle)) {
        if (out.type !== 'chunk') continue;
        chunks[out.fileName] = Object.fromEntries(
          Object.entries(out.modules).map(([id, m]) => [path.relative(import.meta.dirname, id), m.renderedLength]),
        );
      }
      const dir = path.join(import.meta.dirname, 'node_modules/.cache/vcp-bundle');
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'modules.json'), JSON.stringify(chunks));
      // Who imports what statically, to answer "why is this module on that page" (`importers.json`).
      const rel = (id: string) => path.relative(import.meta.dirname, id);
      const importers: Record<string, string[]> = {};
      for (const id of this.getModuleIds()) importers[rel(id)] = (this.getModuleInfo(id)?.importers ?? []).map(rel);
      fs.writeFileSync(path.join(dir, 'importers.json'), JSON.stringify(importers));
    },
  };
}

/**
 * Two long-lived chunks out of what every page loads, cached across deploys that change only the app's code: the
 * runtime (React, the router, TanStack Query, i18next) and the other libraries the frame needs (antd's core: theme,
 * CSS-in-JS, its components). Only modules the entry needs anyway (`$initial`) go in, so neither grows with what one
 * page uses; each page's own code stays in the chunks Rolldown splits by importer.
 */
const SHARED_CHUNKS = [
  {
    name: 'runtime',
    test: /node_modules[\\/](react|react-dom|scheduler|react-router|cookie|set-cookie-parser|@tanstack|i18next|react-i18next|html-parse-stringify|void-elements)[\\/]/,
    tags: ['$initial' as const],
    priority: 2,
  },
  { name: 'vendor', test: /node_modules[\\/]/, tags: ['$initial' as const], priority: 1 },
];

export default defineConfig({
  root: 'src/web',
  plugins: [react(), antdTrim(), englishOnDemand(), bundleReport(), precompress()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    manifest: true,
    // VCP_SOURCEMAP=1 for a look with source-map-explorer (`npx source-map-explorer dist/web/assets/*.js`).
    sourcemap: process.env.VCP_SOURCEMAP === '1',
    chunkSizeWarningLimit: 1500,
    rolldownOptions: { output: { codeSplitting: { groups: SHARED_CHUNKS } } },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
