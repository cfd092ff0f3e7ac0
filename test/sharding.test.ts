// Shard safety of every verb's plan: an executor that splits each kernel call the way a pool may
// (at 4096-element blocks, or at group boundaries for grouped kernels; 'shard' partials in one
// slot per shard) must give bit-for-bit the results of the inline executor, for every shard count.
import { describe, expect, it } from 'vitest';
import { bytesOf } from '../src/dtype.js';
import { Engine } from '../src/engine/engine.js';
import { callJs, callWasm, InlineExecutor, type Backend, type Executor } from '../src/engine/executor.js';
import { BLOCK, fieldsOf } from '../src/kernels/layout.js';
import { kernel } from '../src/kernels/registry.js';
import type { KernelCall } from '../src/kernels/types.js';
import { Arena } from '../src/memory/arena.js';
import { instantiateKernels } from '../src/wasm/load.js';
import { elasticNet, groupLasso, l1, l2 } from '../src/index.js';
import { fill, firstDiff, rng } from './support/data.js';

/** Splits every call into `shards` pieces at block (or group) boundaries, runs them in reverse order. */
class ShardingExecutor implements Executor {
  readonly threads: number;
  lastPieces = 1;
  constructor(readonly backend: Backend, private readonly memory: WebAssembly.Memory, private readonly exports: ReturnType<typeof instantiateKernels>, readonly maxShards: number) {
    this.threads = maxShards;
  }
  runSync(calls: KernelCall[]): void {
    calls.forEach((c, i) => {
      const pieces = this.split(c);
      if (i === 0) this.lastPieces = pieces.length;
      for (const piece of pieces.reverse()) this.one(piece);
    });
  }
  maxPieces(): number {
    return this.maxShards;
  }
  run(calls: KernelCall[]): void {
    this.runSync(calls);
  }
  async runTasks(): Promise<void> {
    throw new Error('the sharding test executor runs kernel calls only');
  }
  async close(): Promise<void> {}
  private one(c: KernelCall): void {
    if (this.backend === 'wasm') callWasm(this.exports, c);
    else callJs(this.memory, { ...c }, 1);
  }
  private split(c: KernelCall): KernelCall[] {
    const def = kernel(c.kernel);
    const unit = def.grouped ? c.scalars[0]! : BLOCK;
    const units = Math.ceil(c.n / unit);
    const per = Math.max(1, Math.ceil(units / this.maxShards));
    const out: KernelCall[] = [];
    const fields = def.reduce ? fieldsOf(def, c.scalars) : 0;
    for (let s = 0, u = 0; u < units || (s === 0 && c.n === 0); s++, u += per) {
      const start = u * unit, n = Math.min(c.n, (u + per) * unit) - start;
      const piece: KernelCall = { ...c, ptrs: c.ptrs.map((p) => p + start * bytesOf(c.dtype)), n: Math.max(0, n) };
      if (c.out !== undefined) {
        const slot = def.reduce!.per === 'shard' ? s : def.reduce!.per === 'group' ? start / c.scalars[0]! : start / BLOCK;
        piece.out = c.out + slot * fields * 8;
      }
      out.push(piece);
      if (c.n === 0) break;
    }
    return out;
  }
}

function engineWith(backend: Backend, shards: number, pages = 4096): Engine {
  const memory = new WebAssembly.Memory({ initial: Math.min(64, pages), maximum: pages, shared: true });
  const exports = instantiateKernels(memory);
  const exec = shards === 0 ? new InlineExecutor(backend, memory, exports) : new ShardingExecutor(backend, memory, exports, shards);
  return new Engine(new Arena(memory, pages * 65536), exec);
}

const N = 3 * BLOCK + 1000 - ((3 * BLOCK + 1000) % 12); // a multiple of the group sizes below
const verbs: [string, (e: Engine, w: Float32Array | Float64Array, g: Float32Array | Float64Array) => unknown][] = [
  ['penalty l1', (e, w) => e.penaltySync(w, l1(0.1))],
  ['penalty groupLasso', (e, w) => e.penaltySync(w, groupLasso(0.1, 12))],
  ['stats', (e, w) => e.statsSync(w)],
  ['grad elasticNet', (e, w, g) => e.addPenaltyGradSync(g, w, elasticNet({ l1: 0.1, l2: 0.2 }))],
  ['grad groupLasso', (e, w, g) => e.addPenaltyGradSync(g, w, groupLasso(0.1, 4))],
  ['prox l2', (e, w) => e.proxSync(w, l2(0.3), 0.5)],
  ['prox groupLasso', (e, w) => e.proxSync(w, groupLasso(0.3, 6), 0.5)],
  ['project l1', (e, w) => e.projectSync(w, { norm: 'l1', radius: 50 })],
  ['project l2', (e, w) => e.projectSync(w, { norm: 'l2', radius: 5 })],
  ['prune', (e, w) => e.pruneSync(w, { fraction: 0.37 })],
  ['prune ties', (e, w) => { for (let i = 0; i < w.length; i++) w[i] = Math.round(w[i]! * 3); return e.pruneSync(w, { fraction: 0.61 }); }],
  ['prune groups', (e, w) => e.pruneSync(w, { fraction: 0.45, groupSize: 12 })],
];

describe.each(['wasm', 'js'] as const)('backend %s', (backend) => {
  for (const dtype of ['float32', 'float64'] as const) {
    it(`${dtype}: every verb gives the same bits inline and split into 2, 3 and 7 shards`, () => {
      const engines = [0, 2, 3, 7].map((s) => engineWith(backend, s));
      for (const [name, run] of verbs) {
        const results = engines.map((e) => {
          const r = rng(99);
          const w = fill(e.alloc(N, dtype), r), g = fill(e.alloc(N, dtype), r);
          const value = run(e, w, g);
          return { value, w: Array.from(w), g: Array.from(g) };
        });
        for (const other of results.slice(1)) {
          expect(other.value, name).toEqual(results[0]!.value);
          expect(firstDiff(other.w, results[0]!.w), `${name} w`).toBe(-1);
          expect(firstDiff(other.g, results[0]!.g), `${name} g`).toBe(-1);
        }
      }
    });
  }
});

describe('pruning scratch in u32 counts', () => {
  it.each(['wasm', 'js'] as const)('%s: 16 histogram slots (32 KiB each, were 64 KiB of f64) fit in 1 MiB of engine memory', (backend) => {
    const [sharded, inline] = [engineWith(backend, 16, 16), engineWith(backend, 0, 16)];
    const src = fill(new Float32Array(32768), rng(8));
    const a = sharded.from(src), b = inline.from(src);
    expect(sharded.pruneSync(a, { fraction: 0.4 })).toEqual(inline.pruneSync(b, { fraction: 0.4 }));
    expect(firstDiff(a, b)).toBe(-1);
  });
});
