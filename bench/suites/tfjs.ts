// The optimizer step through shrinkage/tfjs (a tf.Optimizer over the fused kernels) against
// TensorFlow.js's own tf.train.adam, on tfjs-backend-cpu and -wasm, for one float32 variable of
// 1M and 4M parameters. Every row times optimizer.applyGradients([{ name, tensor: g }]) alone, with
// the result left in the tf.Variable, as training leaves it:
//   adam_step   shrinkage/tfjs Adam             | tf.train.adam(lr, 0.9, 0.999, 1e-8)
//   adamw_step  shrinkage/tfjs AdamW (wd 1e-2)  | the decay op p.assign(p·(1 − lr·wd)), then tf.train.adam
//               (tfjs has no AdamW)
// shrinkage/tfjs's times include its copies: the variable and the gradient read out of the tfjs
// backend into engine memory, and the new values written back with variable.assign (a new tensor).
// impl: 'shrinkage-tfjs-<backend>' or 'tfjs-<backend>'; threads 1 (shrinkage/tfjs's default engine
// and both tfjs backends run on the calling thread). Bytes as the peers suite: 7n·4.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { BenchContext, Row, Suite } from '../harness.js';
import { measure, row } from '../harness.js';
import { sourceArray } from './common.js';

type TF = typeof import('@tensorflow/tfjs-core');
type ShrinkageTfjs = typeof import('../../src/tfjs/index.js');
type Backend = 'cpu' | 'wasm';

const LR = 1e-3, WD = 1e-2;

async function load(): Promise<{ tf: TF; st: ShrinkageTfjs }> {
  const tf = await import('@tensorflow/tfjs-core');
  await import('@tensorflow/tfjs-backend-cpu');
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  const require = createRequire(import.meta.url);
  wasm.setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm'))}/`);
  tf.env().set('PROD', true); // no debug checks, no "install tfjs-node" banner in the table
  return { tf, st: await import('../../src/tfjs/index.js') };
}

function sizes(ctx: BenchContext): number[] {
  return ctx.quick ? [4096] : [1 << 20, 1 << 22];
}

/**
 * tfjs-cpu's Adam runs in plain JS, about a second per step per million parameters on the test
 * machine: its rows take few samples (3 after 1 warm-up) so the suite stays within minutes.
 */
function sampling(ctx: BenchContext, backend: Backend, n: number) {
  if (ctx.quick) return { quick: true, timeMs: 20, iterations: 3, warmupIterations: 1 };
  if (backend === 'cpu') return { timeMs: 0, iterations: 3, warmupIterations: 1 };
  return n >= 1 << 22 ? { timeMs: 400, iterations: 8, warmupIterations: 3 } : { timeMs: 400, iterations: 10, warmupIterations: 5 };
}

interface Step { op: 'adam_step' | 'adamw_step'; impl: string; make: (p: import('@tensorflow/tfjs-core').Variable) => { step: () => void; dispose: () => void } }

function steps(tf: TF, st: ShrinkageTfjs, backend: Backend, g: import('@tensorflow/tfjs-core').Tensor): Step[] {
  const grads = (p: { name: string }) => [{ name: p.name, tensor: g }];
  const ours = (op: Step['op'], make: () => { applyGradients: (g: ReturnType<typeof grads>) => void; dispose: () => void }): Step => ({
    op, impl: `shrinkage-tfjs-${backend}`,
    make: (p) => {
      const opt = make();
      return { step: () => opt.applyGradients(grads(p)), dispose: () => opt.dispose() };
    },
  });
  const theirs = (op: Step['op'], decay: boolean): Step => ({
    op, impl: `tfjs-${backend}`,
    make: (p) => {
      const opt = tf.train.adam(LR, 0.9, 0.999, 1e-8);
      return {
        step: () => {
          if (decay) tf.tidy(() => { p.assign(tf.mul(p, 1 - LR * WD)); });
          opt.applyGradients(grads(p));
        },
        dispose: () => opt.dispose(),
      };
    },
  });
  return [
    ours('adam_step', () => new st.Adam({ lr: LR })),
    theirs('adam_step', false),
    ours('adamw_step', () => new st.AdamW({ lr: LR, weightDecay: WD })),
    theirs('adamw_step', true),
  ];
}

async function backendRows(ctx: BenchContext, tf: TF, st: ShrinkageTfjs, backend: Backend): Promise<Row[]> {
  if (!(await tf.setBackend(backend))) {
    ctx.log(`skip tfjs-${backend}: the backend did not initialise`);
    return [];
  }
  const rows: Row[] = [];
  for (const n of sizes(ctx)) {
    const g = tf.tensor1d(sourceArray('float32', n, 777) as Float32Array);
    for (const s of steps(tf, st, backend, g)) {
      const p = tf.variable(tf.tensor1d(sourceArray('float32', n, 12345) as Float32Array));
      const { step, dispose } = s.make(p);
      try {
        const t = await measure(step, sampling(ctx, backend, n));
        const r = row({ op: s.op, dtype: 'float32', n, impl: s.impl, threads: 1 }, t, 7 * n * 4);
        ctx.log(`${s.op} float32 n=${n} ${s.impl}: ${t.median_ms.toPrecision(4)} ms (p90 ${t.p90_ms.toPrecision(4)})`);
        rows.push(r);
      } finally {
        dispose();
        p.dispose();
      }
    }
    g.dispose();
  }
  return rows;
}

export const tfjsSuite: Suite = {
  name: 'tfjs',
  async run(ctx) {
    let loaded: { tf: TF; st: ShrinkageTfjs };
    try {
      loaded = await load();
    } catch (e) {
      ctx.log(`skip tfjs: tfjs or shrinkage/tfjs did not load (${e instanceof Error ? e.message : String(e)})`);
      return [];
    }
    return [...(await backendRows(ctx, loaded.tf, loaded.st, 'wasm')), ...(await backendRows(ctx, loaded.tf, loaded.st, 'cpu'))];
  },
};
