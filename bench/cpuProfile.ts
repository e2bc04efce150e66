/**
 * `tsx bench/cpuProfile.ts <file.cpuprofile> [marker]`: where a thread of the server spent its time, from a profile
 * written by `node --cpu-prof` (`BENCH_NODE_ARGS="--cpu-prof --cpu-prof-interval=4000 --cpu-prof-dir=/tmp/prof" npm
 * run bench:upload`; one file per thread). Only the samples between the first and the last whose stack matches
 * `marker` count (default: the blob store's write and read loops, i.e. the uploads and downloads). Prints the time
 * per kind of work (PGlite's WebAssembly and its JavaScript with its file writes, SM4/SM3 crypto, multipart parsing,
 * type sniffing, garbage collection, idle) and the functions with the most time of their own.
 */
import fs from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const KINDS: [string, RegExp][] = [
  ['idle', /^\(idle\)/],
  ['garbage collector', /^\(garbage collector\)/],
  ['pglite wasm', /wasm/],
  ['crypto (sm4, sm3)', /internal\/crypto|fieldCipher|crypto\/sm3/],
  ['multipart', /busboy|@fastify\/multipart|streamsearch/],
  ['type sniffing', /file-type|attachments\/sniff|strtok3/],
  ['pglite js and its files', /@electric-sql\/pglite/],
  ['drizzle', /drizzle-orm/],
];

function main() {
  const [file, marker = 'writeBlob|readBlob'] = process.argv.slice(2);
  if (!file) throw new Error('usage: tsx bench/cpuProfile.ts <file.cpuprofile> [marker]');
  const p = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const frames = (id: number) => {
    const out: string[] = [];
    for (let c: number | undefined = id; c !== undefined; c = parent.get(c)) {
      const f = (byId.get(c) as Node).callFrame;
      out.push(`${f.functionName} ${f.url}`);
    }
    return out;
  };
  const kindOf = (id: number) => {
    for (const frame of frames(id)) {
      const hit = KINDS.find(([, re]) => re.test(frame));
      if (hit) return hit[0];
    }
    return 'other';
  };
  const re = new RegExp(marker);
  const marked = p.samples.flatMap((id, i) => (frames(id).some((f) => re.test(f)) ? [i] : []));
  const from = marked[0] ?? 0;
  const to = marked.at(-1) ?? p.samples.length - 1;

  const kinds = new Map<string, number>();
  const self = new Map<string, number>();
  let window = 0;
  for (let i = from; i <= to; i++) {
    const id = p.samples[i] as number;
    const ms = (p.timeDeltas[i + 1] ?? 0) / 1000;
    window += ms;
    const kind = kindOf(id);
    kinds.set(kind, (kinds.get(kind) ?? 0) + ms);
    const f = (byId.get(id) as Node).callFrame;
    const name = `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-2).join('/')}`;
    self.set(name, (self.get(name) ?? 0) + ms);
  }
  const busy = window - (kinds.get('idle') ?? 0);
  console.log(
    `${file}: ${window.toFixed(0)} ms from the first to the last /${marker}/ sample, ${busy.toFixed(0)} busy`,
  );
  for (const [kind, ms] of [...kinds].sort((a, b) => b[1] - a[1])) {
    console.log(`  ${kind.padEnd(24)} ${ms.toFixed(0).padStart(7)} ms`);
  }
  console.log('  most time of their own:');
  for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 12)) {
    console.log(`  ${ms.toFixed(0).padStart(7)} ms  ${name}`);
  }
}

main();
