// Optimizer steps (issue 4): SGD (momentum 0.9), Adam, AdamW at n ∈ {262144, 4M, 16M} f32 and 4M
// f64, for the plain-JS reference (`js`), wasm on the calling thread (`wasm`) and wasm sharded over
// the pool (`wasm-parallel`, one dispatch per step). GB/s counts the bytes a step must move:
// SGD+momentum reads θ, g, b and writes θ, b (5 arrays); Adam/AdamW read θ, g, m, v and write θ, m, v (7).
import { createEngine, type Engine } from '../../src/index.js';
import { Adam, AdamW, SGD } from '../../src/index.js';
import type { DType } from '../../src/dtype.js';
import { measure, row, type BenchContext, type Row, type Suite } from '../harness.js';

const OPS = {
  'sgd_momentum_step': { arrays: 5, make: (e: Engine, p: ParamPair) => new SGD(e, [p], { lr: 1e-3, momentum: 0.9 }) },
  'adam_step': { arrays: 7, make: (e: Engine, p: ParamPair) => new Adam(e, [p], { lr: 1e-3 }) },
  'adamw_step': { arrays: 7, make: (e: Engine, p: ParamPair) => new AdamW(e, [p], { lr: 1e-3, weightDecay: 0.01 }) },
} as const;
type ParamPair = { param: Float32Array | Float64Array; grad: Float32Array | Float64Array };

interface Impl { impl: string; threads: number; open: () => Promise<Engine>; async: boolean }

function impls(ctx: BenchContext): Impl[] {
  const list: Impl[] = [
    { impl: 'js', threads: 1, open: () => createEngine({ backend: 'js', threads: 1 }), async: false },
    { impl: 'wasm', threads: 1, open: () => createEngine({ backend: 'wasm', threads: 1 }), async: false },
  ];
  for (const t of ctx.threads)
    if (t > 1) list.push({ impl: 'wasm-parallel', threads: t, open: () => createEngine({ backend: 'wasm', threads: t, parallelMinElements: 0 }), async: true });
  return list;
}

function cases(ctx: BenchContext): { n: number; dtype: DType }[] {
  const sizes = ctx.quick ? [4096, 65536] : [262144, 4194304, 16777216];
  const f64 = ctx.quick ? 65536 : 4194304;
  return [...sizes.map((n) => ({ n, dtype: 'float32' as DType })), { n: f64, dtype: 'float64' }];
}

export const optimSuite: Suite = {
  name: 'optim',
  async run(ctx) {
    const rows: Row[] = [];
    for (const im of impls(ctx)) {
      const engine = await im.open();
      try {
        for (const { n, dtype } of cases(ctx)) {
          const param = engine.alloc(n, dtype), grad = engine.alloc(n, dtype);
          for (let i = 0; i < n; i++) { param[i] = Math.sin(i) ; grad[i] = Math.cos(i) * 1e-2; }
          for (const [op, spec] of Object.entries(OPS)) {
            const opt = spec.make(engine, { param, grad });
            const t = await measure(im.async ? () => opt.step() : () => opt.stepSync(), { quick: ctx.quick });
            opt.dispose();
            const r = row({ op, dtype, n, impl: im.impl, threads: im.threads }, t, spec.arrays * n * (dtype === 'float32' ? 4 : 8));
            ctx.log(`${op} ${dtype} n=${n} ${im.impl} x${im.threads}: ${t.median_ms.toFixed(3)} ms (${r.gbps!.toFixed(2)} GB/s)`);
            rows.push(r);
          }
          engine.free(param); engine.free(grad);
        }
      } finally {
        await engine.close();
      }
    }
    return rows;
  },
};
