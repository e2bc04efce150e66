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
 * antd's components import parts the app never uses, and a bundler cannot drop an import a component might render:
 * Card imports Tabs (for `tabList`, with Dropdown and Menu behind it), Table the column filter dropdown (Tree, Menu,
 * Dropdown), the row selection's Checkbox, Radio and Dropdown, and the virtual table; Typography the inline editor.
 * Those imports resolve to a stub here, which throws if it is ever rendered (so a page that starts using one of
 * these props fails loudly: delete its line below). The build fails if antd stops importing one of them the way
 * this expects (an upgrade moved it), so the list cannot go stale silently. Dev mode (pre-bundled antd) keeps them.
 */
const ANTD_TRIM: { importer: RegExp; source: string; what: string; keep?: string }[] = [
  { importer: /antd[\\/]es[\\/]card[\\/]Card\.js$/, source: '../tabs', what: 'Card `tabList`' },
  {
    importer: /antd[\\/]es[\\/]table[\\/]hooks[\\/]useFilter[\\/]index\.js$/,
    source: './FilterDropdown',
    what: 'Table column `filters`',
    // Still called by useFilter for columns without filters.
    keep: `export function flattenKeys(filters) {
  let keys = [];
  (filters || []).forEach(({ value, children }) => {
    keys.push(value);
    if (children) keys = [...keys, ...flattenKeys(children)];
  });
  return keys;
}`,
  },
  {
    importer: /antd[\\/]es[\\/]table[\\/]hooks[\\/]useSelection\.js$/,
    source: '../../checkbox',
    what: 'Table `rowSelection`',
  },
  {
    importer: /antd[\\/]es[\\/]table[\\/]hooks[\\/]useSelection\.js$/,
    source: '../../dropdown',
    what: 'Table `rowSelection`',
  },
  {
    importer: /antd[\\/]es[\\/]table[\\/]hooks[\\/]useSelection\.js$/,
    source: '../../radio',
    what: 'Table `rowSelection`',
  },
  {
    importer: /antd[\\/]es[\\/]table[\\/]InternalTable\.js$/,
    source: './RcTable/VirtualTable',
    what: 'Table `virtual`',
  },
  {
    importer: /antd[\\/]es[\\/]typography[\\/]Base[\\/]index\.js$/,
    source: '../Editable',
    what: 'Typography `editable`',
  },
];
const STUB = '\0vcp-antd-trim:';

function antdTrim(): Plugin {
  const sources = new Set(ANTD_TRIM.map((t) => t.source));
  return {
    name: 'vcp-antd-trim',
    apply: 'build',
    resolveId(source, importer) {
      if (!importer || !sources.has(source)) return null;
      const i = ANTD_TRIM.findIndex((t) => t.source === source && t.importer.test(importer));
      return i < 0 ? null : `${STUB}${i}`;
    },
    load(id) {
      if (!id.startsWith(STUB)) return null;
      const t = ANTD_TRIM[Number(id.slice(STUB.length))] as (typeof ANTD_TRIM)[number];
      const message = `${t.what} is left out of the build (vite.config.ts, vcp-antd-trim): remove its stub to use it`;
      return `export default function Omitted() { throw new Error(${JSON.stringify(message)}); }\n${t.keep ?? ''}\n`;
    },
    transform: {
      filter: { id: /antd[\\/]es[\\/](card|table|typography)[\\/]/ },
      handler(code, id) {
        for (const t of ANTD_TRIM) {
          if (t.importer.test(id) && !code.includes(`from '${t.source}'`))
            this.error(`vcp-antd-trim: ${id} no longer imports '${t.source}' (antd upgraded?): update vite.config.ts`);
        }
        return null;
      },
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
  plugins: [react(), antdTrim(), bundleReport(), precompress()],
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
