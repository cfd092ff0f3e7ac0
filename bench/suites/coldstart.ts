// Cold start (serverless): a fresh `node` process imports the built package, creates an engine
// with threads: 1 and runs the first prox on 4096 elements. Timed inside the child with
// performance.now() (milliseconds since the process's timeOrigin, i.e. process start) and around
// the spawn in the parent; medians over ≥ 15 processes. Rows (impl 'wasm', n 4096, threads 1):
//   coldstart/node-bootstrap  process start → first line of user code (Node itself, not shrinkage)
//   coldstart/import          await import(dist/src/index.js): the ESM module graph
//   coldstart/createEngine    base64 decode + wasm compile + instantiate + arena
//   coldstart/firstProx       alloc + fill + the first proxSync (baseline-tier wasm)
//   coldstart/shrinkage       import + createEngine + first prox (what the package costs; target ≤ 30 ms)
//   coldstart/total           process start → first prox done
//   coldstart/spawn-wall      wall time of the whole child process, measured by the parent
//   coldstart/node-empty-wall wall time of `node -e 0`, the floor under spawn-wall
// impl 'wasm' imports what `import 'shrinkage'` resolves to (package.json exports: the bundle in
// dist/bundle/); impl 'wasm-modules' imports dist/src/index.js, the unbundled module graph, to show
// what the bundle saves.
// coldstart/import with impl 'piscina' times `await import('piscina')` alone: what threads: 1
// would pay if the pool module were loaded eagerly (createEngine imports it only for threads > 1).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchContext, Row } from '../harness.js';

const N = 4096;

/** The child: prints one JSON line of phase times (ms). */
const childScript = (entry: string) => `
const boot = performance.now();
const m = await import(${JSON.stringify(entry)});
const imported = performance.now();
const engine = await m.createEngine({ threads: 1 });
const created = performance.now();
const w = engine.alloc(${N});
for (let i = 0; i < w.length; i++) w[i] = Math.sin(i);
engine.proxSync(w, m.l1(1e-3), 0.1);
const done = performance.now();
if (!(w[1] > 0.8)) throw new Error('wrong prox result ' + w[1]);
await engine.close();
process.stdout.write(JSON.stringify({ boot, import: imported - boot, create: created - imported,
  prox: done - created, shrinkage: done - boot, total: done }) + '\\n');
`;

interface Phases {
  boot: number; import: number; create: number; prox: number; shrinkage: number; total: number; wall: number;
}

function runChild(args: string[]): { out: string; wall: number } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  const wall = performance.now() - t0;
  if (r.status !== 0) throw new Error(`child failed (${r.status}): ${r.stderr.split('\n').slice(0, 3).join(' ')}`);
  return { out: r.stdout, wall };
}

function stat(xs: number[]): { median_ms: number; p90_ms: number } {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => {
    const i = (s.length - 1) * p, lo = Math.floor(i), hi = Math.ceil(i);
    return s[lo]! + (s[hi]! - s[lo]!) * (i - lo);
  };
  return { median_ms: q(0.5), p90_ms: q(0.9) };
}

/** The file `import 'shrinkage'` loads: package.json's exports['.'].import, relative to the root. */
function packageEntry(root: string): string | undefined {
  try {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports?: Record<string, { import?: string }> };
    const rel = pkg.exports?.['.']?.import;
    return rel ? join(root, rel) : undefined;
  } catch {
    return undefined;
  }
}

export const coldstartSuite = {
  name: 'coldstart',
  async run(ctx: BenchContext): Promise<Row[]> {
    const index = fileURLToPath(new URL('../../src/index.js', import.meta.url));
    if (!index.endsWith('.js') || !existsSync(index)) {
      ctx.log(`skip coldstart: the built package (${index}) is missing; run npm run build`);
      return [];
    }
    const runs = ctx.quick ? 3 : 15;
    const rows: Row[] = [];
    try {
      const entry = packageEntry(join(dirname(index), '..', '..'));
      const variants: Array<[string, string]> = [];
      if (entry && entry !== index && existsSync(entry)) variants.push(['wasm', entry], ['wasm-modules', index]);
      else variants.push(['wasm', index]);
      const empty: number[] = [];
      const piscina: number[] = [];
      const piscinaScript = `const t = performance.now(); await import('piscina'); process.stdout.write(String(performance.now() - t));`;
      const phases = new Map<string, Phases[]>(variants.map(([v]) => [v, []]));
      // Interleave the variants and the empty-node baseline so machine noise hits all alike.
      for (let k = 0; k < runs; k++) {
        empty.push(runChild(['-e', '0']).wall);
        piscina.push(Number(runChild(['--input-type=module', '-e', piscinaScript]).out));
        for (const [impl, entry] of variants) {
          const { out, wall } = runChild(['--input-type=module', '-e', childScript(pathToFileURL(entry).href)]);
          phases.get(impl)!.push({ ...(JSON.parse(out) as Omit<Phases, 'wall'>), wall });
        }
      }
      const base = { dtype: 'float32' as const, n: N, threads: 1 };
      const push = (op: string, impl: string, xs: number[]) => {
        const s = stat(xs);
        rows.push({ ...base, op, impl, ...s, gbps: null });
        ctx.log(`${op} ${impl}: median ${s.median_ms.toFixed(2)} ms, p90 ${s.p90_ms.toFixed(2)} ms (${xs.length} processes)`);
      };
      for (const [impl] of variants) {
        const ps = phases.get(impl)!;
        push('coldstart/node-bootstrap', impl, ps.map((p) => p.boot));
        push('coldstart/import', impl, ps.map((p) => p.import));
        push('coldstart/createEngine', impl, ps.map((p) => p.create));
        push('coldstart/firstProx', impl, ps.map((p) => p.prox));
        push('coldstart/shrinkage', impl, ps.map((p) => p.shrinkage));
        push('coldstart/total', impl, ps.map((p) => p.total));
        push('coldstart/spawn-wall', impl, ps.map((p) => p.wall));
      }
      push('coldstart/node-empty-wall', 'node', empty);
      push('coldstart/import', 'piscina', piscina);
    } catch (e) {
      ctx.log(`skip coldstart: ${e instanceof Error ? e.message : String(e)}`);
    }
    return rows;
  },
};
