// Every regularization verb × regularizer × dtype × n × impl (js, wasm, wasm-parallel), plus a
// typed-array copy over the same bytes as the memory-bandwidth yardstick.
//
// Byte model (GB/s = bytes / median time): every array the op reads is counted once and every
// array it writes is counted once, b = bytes per element:
//   penalty, stats: n·b (read w)            addPenaltyGrad: 3n·b (read g, w; write g)
//   prox: 2n·b (read w, write w)           project, prune: 2n·b (read w, write w; extra passes
//   copy: 2n·b (read src, write dst)         such as stats or selection are not counted)
import {
  elasticNet, groupLasso, l1, l2,
  type DType, type Engine, type FloatArray, type Regularizer,
} from '../../src/index.js';
import type { BenchContext, Row, Suite } from '../harness.js';
import { budget, bytesPer, closeEngines, openEngines, sourceArray, timeRow, type ImplEngine } from './common.js';
import { measure, row } from '../harness.js';

const LR = 1e-2;
const GROUP = 64;

const REGS: Array<[string, Regularizer]> = [
  ['l1', l1(1e-3)],
  ['l2', l2(1e-3)],
  ['elasticNet', elasticNet({ l1: 1e-3, l2: 1e-3 })],
  ['groupLasso', groupLasso(1e-3, GROUP)],
];

interface Inputs {
  w: FloatArray;
  g: FloatArray;
  /** The original w, to restore before each sample of ops whose second call would be a no-op. */
  src: FloatArray;
  l1norm: number;
  l2norm: number;
}

interface OpCase {
  op: string;
  /** Bytes counted for GB/s (see the byte model at the top of this file). */
  bytes(n: number, b: number): number;
  /** Restore w before each sample (projection and pruning are idempotent after the first call). */
  restore: boolean;
  run(e: Engine, x: Inputs, async: boolean): unknown;
}

function cases(): OpCase[] {
  const out: OpCase[] = [];
  for (const [name, reg] of REGS) {
    out.push({
      op: `penalty/${name}`, bytes: (n, b) => n * b, restore: false,
      run: (e, x, a) => (a ? e.penalty(x.w, reg) : e.penaltySync(x.w, reg)),
    });
  }
  for (const [name, reg] of REGS) {
    out.push({
      op: `addPenaltyGrad/${name}`, bytes: (n, b) => 3 * n * b, restore: false,
      run: (e, x, a) => (a ? e.addPenaltyGrad(x.g, x.w, reg) : e.addPenaltyGradSync(x.g, x.w, reg)),
    });
  }
  for (const [name, reg] of REGS) {
    out.push({
      op: `prox/${name}`, bytes: (n, b) => 2 * n * b, restore: false,
      run: (e, x, a) => (a ? e.prox(x.w, reg, LR) : e.proxSync(x.w, reg, LR)),
    });
  }
  for (const norm of ['l1', 'l2'] as const) {
    out.push({
      op: `project/${norm}`, bytes: (n, b) => 2 * n * b, restore: true,
      run: (e, x, a) => {
        // Half the input's norm, so every sample really projects.
        const ball = { norm, radius: 0.5 * (norm === 'l1' ? x.l1norm : x.l2norm) };
        return a ? e.project(x.w, ball) : e.projectSync(x.w, ball);
      },
    });
  }
  out.push({
    op: 'stats', bytes: (n, b) => n * b, restore: false,
    run: (e, x, a) => (a ? e.stats(x.w) : e.statsSync(x.w)),
  });
  out.push({
    op: 'prune', bytes: (n, b) => 2 * n * b, restore: true,
    run: (e, x, a) => (a ? e.prune(x.w, { fraction: 0.5 }) : e.pruneSync(x.w, { fraction: 0.5 })),
  });
  out.push({
    op: 'prune/group', bytes: (n, b) => 2 * n * b, restore: true,
    run: (e, x, a) => {
      const o = { fraction: 0.5, groupSize: GROUP };
      return a ? e.prune(x.w, o) : e.pruneSync(x.w, o);
    },
  });
  return out;
}

/** The `set` copy over the same bytes as an in-place pass: read n·b, write n·b. */
async function copyRow(ctx: BenchContext, dtype: DType, n: number, src: FloatArray): Promise<Row> {
  const dst = dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
  const t = await measure(() => dst.set(src as never), budget(ctx, n));
  const r = row({ op: 'copy', dtype, n, impl: 'copy', threads: 1 }, t, 2 * n * bytesPer(dtype));
  ctx.log(`copy ${dtype} n=${n}: ${r.median_ms.toPrecision(4)} ms, ${r.gbps!.toFixed(2)} GB/s`);
  return r;
}

function inputsFor(e: ImplEngine, src: FloatArray, gsrc: FloatArray): Inputs {
  let a = 0, s = 0;
  for (let i = 0; i < src.length; i++) {
    a += Math.abs(src[i]!);
    s += src[i]! * src[i]!;
  }
  const dtype: DType = src instanceof Float32Array ? 'float32' : 'float64';
  return { w: e.engine.from(src, dtype), g: e.engine.from(gsrc, dtype), src, l1norm: a, l2norm: Math.sqrt(s) };
}

/** Every case whose op `keep` accepts, on `engines`, for both dtypes and every size. */
async function runCases(ctx: BenchContext, engines: ImplEngine[], keep: (op: string) => boolean, label = (op: string) => op): Promise<Row[]> {
  const rows: Row[] = [];
  for (const dtype of ['float32', 'float64'] as const) {
    for (const n of ctx.sizes) {
      const src = sourceArray(dtype, n, 12345);
      const gsrc = sourceArray(dtype, n, 777);
      if (keep('copy')) rows.push(await copyRow(ctx, dtype, n, src));
      for (const ie of engines) {
        const x = inputsFor(ie, src, gsrc);
        try {
          for (const c of cases()) {
            if (!keep(c.op)) continue;
            if (c.op.endsWith('groupLasso') || c.op === 'prune/group') if (n % GROUP !== 0) continue;
            x.w.set(src as never);
            const r = await timeRow(
              ctx,
              { op: label(c.op), dtype, n, impl: ie.impl, threads: ie.threads },
              c.bytes(n, bytesPer(dtype)),
              () => c.run(ie.engine, x, ie.async),
              c.restore ? () => x.w.set(src as never) : undefined,
            );
            if (r) rows.push(r);
          }
        } finally {
          ie.engine.free(x.w);
          ie.engine.free(x.g);
        }
      }
    }
  }
  return rows;
}

export const kernelsSuite: Suite = {
  name: 'kernels',
  async run(ctx) {
    const engines = await openEngines(ctx);
    try {
      return await runCases(ctx, engines, () => true);
    } finally {
      await closeEngines(engines);
    }
  },
};
