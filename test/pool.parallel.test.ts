// Sharded results equal inline results bitwise: every registry kernel, both dtypes, threads 1–4
// (3 and 4 oversubscribe a 2-core machine), single calls and one-dispatch batches; and the verbs
// through engines with different thread counts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DTYPES, type DType, type FloatArray } from '../src/dtype.js';
import { createEngine } from '../src/engine/create.js';
import type { Engine } from '../src/engine/engine.js';
import { InlineExecutor, type Executor } from '../src/engine/executor.js';
import { elasticNet, l1, l2 } from '../src/engine/regularizers.js';
import { argView, arrayLengths, elementBytes, partialSlots } from '../src/kernels/layout.js';
import { KERNELS, type RegisteredDef } from '../src/kernels/registry.js';
import { samplesOf } from '../src/kernels/samples.js';
import type { KernelCall } from '../src/kernels/types.js';
import { Arena } from '../src/memory/arena.js';
import { createPoolExecutor } from '../src/pool/pool-executor.js';
import { compileKernels, instantiateKernels } from '../src/wasm/load.js';
import { fill, firstDiff, rng } from './support/data.js';

const THREADS = [1, 2, 3, 4];
/** Partial slots reserved for 'shard' reductions: at least any pool's maxShards. */
const MAX_SHARDS = 64;
const SIZES = [0, 1, 17, 100, 4097, 3 * 4096 + 5, 100003];
const memory = new WebAssembly.Memory({ initial: 64, maximum: 8192, shared: true });
const arena = new Arena(memory, 8192 * 65536);
const module = compileKernels();
const exports = instantiateKernels(memory, module);
const inline = new InlineExecutor('wasm', memory, exports);
/** Executors by label: threads 1-4, and one whose caller only waits, so workers run every chunk. */
const pools = new Map<string, Executor>();
const WORKERS_ONLY = 'workers only, 2 threads';

beforeAll(async () => {
  for (const t of THREADS)
    pools.set(`threads=${t}`, t === 1 ? inline : await createPoolExecutor({ memory, module, exports, threads: t, parallelMinElements: 0 }));
  pools.set(WORKERS_ONLY, await createPoolExecutor({ memory, module, exports, threads: 3, parallelMinElements: 0, callerClaims: false }));
});
afterAll(async () => {
  for (const p of pools.values()) await p.close();
});

interface Case {
  def: RegisteredDef;
  call: KernelCall;
  arrays: (FloatArray | Int32Array)[];
  slots: number;
}

/** Arrays for one call of `def` over n elements, filled with values and specials. */
function makeCase(def: RegisteredDef, dtype: DType, n: number, seed: number): Case {
  const rand = rng(seed);
  const scalars = samplesOf(def.name).sample(n, rand);
  const lengths = arrayLengths(def, n, scalars);
  const arrays = lengths.map((len, k) => {
    const ptr = arena.alloc(Math.max(1, len) * elementBytes(def, k, dtype)); // may grow memory: view after
    const a = argView(def, k, dtype, memory.buffer, ptr, len);
    if (a instanceof Int32Array) return a; // zero indices: valid for any index array
    return fill(a, rand, { specials: true });
  });
  const call: KernelCall = { kernel: def.name, dtype, ptrs: arrays.map((a) => a.byteOffset), n, scalars };
  const slots = def.reduce ? partialSlots(def, call, MAX_SHARDS) : 0;
  if (def.reduce) call.out = arena.alloc(Math.max(1, slots) * 8);
  return { def, call, arrays, slots };
}

/** Runs the cases' calls (as one batch) on `ex` from the same inputs; returns written arrays and partial sums. */
async function runOn(ex: Executor, cases: Case[], inputs: Float64Array[][]): Promise<number[][]> {
  cases.forEach((c, i) => c.arrays.forEach((a, k) => a.set(inputs[i]![k]!)));
  for (const c of cases) if (c.call.out !== undefined) new Float64Array(memory.buffer, c.call.out, c.slots).fill(0);
  await ex.run(cases.map((c) => c.call));
  return cases.map((c) => {
    const res: number[] = [];
    for (const k of c.def.writes) for (const x of c.arrays[k]!) res.push(x); // (spread overflows the stack on long arrays)
    if (c.call.out === undefined) return res;
    const p = new Float64Array(memory.buffer, c.call.out, c.slots);
    if (c.def.reduce!.per !== 'shard') return res.concat(Array.from(p));
    // 'shard' partials are order-free sums: compare per-field totals (u32 counts word by word).
    const words = c.def.reduce!.u32 ? new Uint32Array(p.buffer, p.byteOffset, 2 * c.slots) : p;
    const f = words.length / MAX_SHARDS;
    for (let j = 0; j < f; j++) {
      let s = 0;
      for (let k = j; k < words.length; k += f) s += words[k]!;
      res.push(s);
    }
    return res;
  });
}

describe('sharded = inline, bitwise', () => {
  for (const def of KERNELS.values()) {
    for (const dtype of DTYPES) {
      it(`${def.name} ${dtype}, threads 1-4`, async () => {
        for (const n0 of SIZES) {
          const n = n0;
          if (def.maxN !== undefined && n > def.maxN) continue;
          const c = makeCase(def, dtype, n, n + 17);
          const inputs = [c.arrays.map((a) => Float64Array.from(a))];
          const want = (await runOn(inline, [c], inputs))[0]!;
          for (const [label, pool] of pools) {
            const got = (await runOn(pool, [c], inputs))[0]!;
            const d = firstDiff(got, want);
            expect(d, `${def.name} ${dtype} n=${n} ${label}: differs at ${d}: ${got[d]} vs ${want[d]}`).toBe(-1);
          }
        }
      });
    }
  }

  it('a batch of every kernel and size runs as one dispatch with the inline results', async () => {
    const cases: Case[] = [];
    for (const def of KERNELS.values())
      for (const dtype of DTYPES) for (const n of [5, 4097, 20000]) if (n <= (def.maxN ?? n)) cases.push(makeCase(def, dtype, n, n * 3 + cases.length));
    const inputs = cases.map((c) => c.arrays.map((a) => Float64Array.from(a)));
    const want = await runOn(inline, cases, inputs);
    for (const [label, pool] of pools) {
      const got = await runOn(pool, cases, inputs);
      got.forEach((g, i) => expect(firstDiff(g, want[i]!), `case ${i} ${label}`).toBe(-1));
    }
  });
});

describe('a batch larger than the job board', () => {
  it('runs as several dispatches, in order, with the inline results', async () => {
    const n = 24, count = 12000; // 12000 calls · 7 f64 > the 65536-f64 board
    const ptr = arena.alloc(n * count * 4); // may grow the memory: take the buffer after it
    const a = new Float32Array(memory.buffer, ptr, n * count);
    fill(a, rng(3));
    const src = Float32Array.from(a);
    const calls: KernelCall[] = Array.from({ length: count }, (_, i) => ({
      kernel: 'prox_l1', dtype: 'float32', ptrs: [a.byteOffset + i * n * 4], n, scalars: [0.1 + (i % 7) * 0.01],
    }));
    inline.run(calls);
    const want = Float32Array.from(a);
    a.set(src);
    const jobs = () => (pools.get('threads=3') as unknown as { go: number }).go;
    const before = jobs();
    await pools.get('threads=3')!.run(calls);
    expect(jobs() - before).toBeGreaterThanOrEqual(2);
    expect(firstDiff(a, want)).toBe(-1);
  });
});

describe('verbs through engines with 1-4 threads', () => {
  const engines: Engine[] = [];
  beforeAll(async () => {
    for (const t of THREADS) engines.push(await createEngine({ threads: t, parallelMinElements: 0 }));
  });
  afterAll(async () => {
    for (const e of engines) await e.close();
  });

  it('stats, penalty and prox give bitwise the same results for every thread count', async () => {
    for (const dtype of DTYPES) {
      for (const n of [1, 4096 * 5 + 3, 200001]) {
        const src = fill(dtype === 'float32' ? new Float32Array(n) : new Float64Array(n), rng(n), {});
        const results = [];
        for (const e of engines) {
          const w = e.from(src, dtype);
          const st = await e.stats(w);
          const pens = [await e.penalty(w, l1(0.3)), await e.penalty(w, l2(0.2)), await e.penalty(w, elasticNet({ l1: 0.1, l2: 0.4 }))];
          await e.prox(w, l1(0.25), 0.5);
          results.push({ st, pens, w: Array.from(w) });
          e.free(w);
        }
        for (const r of results.slice(1)) {
          expect(r.st).toEqual(results[0]!.st);
          expect(r.pens).toEqual(results[0]!.pens);
          expect(firstDiff(r.w, results[0]!.w)).toBe(-1);
        }
      }
    }
  });
});
