// TensorFlow.js as a peer, on the same data as the kernels suite: impls 'tfjs-wasm'
// (@tensorflow/tfjs-backend-wasm, its SIMD build, single-threaded in Node) and 'tfjs-cpu'
// (@tensorflow/tfjs-backend-cpu, plain JS). Every tf timing includes reading the result back with
// dataSync(), because shrinkage's verbs leave their result in JS-visible memory.
//
//   prox/l1     y = x − clip(x, −t, t) (the soft threshold), y.dataSync()
//   penalty/l1  λ·sum(|x|) → number;  penalty/l2  λ·sum(x²) → number
//   adamw_step  tf.train.adam step preceded by decoupled decay p ← p·(1 − lr·wd) (tfjs has no
//               AdamW), then p.dataSync(); shrinkage's AdamW step (impls wasm, wasm-parallel) is
//               timed here too, at the same sizes, because the optimizer suite may use others.
// Byte model as in kernels.ts; adamw counts read p, g, m, v + write p, m, v = 7n·b.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as api from '../../src/index.js';
import type { Engine, FloatArray } from '../../src/index.js';
import type { BenchContext, Row, Suite } from '../harness.js';
import { bytesPer, openEngines, closeEngines, sourceArray, timeRow } from './common.js';

type TF = typeof import('@tensorflow/tfjs-core');

const LAMBDA = 1e-3, LR = 1e-2, WD = 1e-2;

/** Loads tfjs-core with both backends; the wasm backend's .wasm files come from node_modules. */
async function loadTf(): Promise<TF> {
  const tf = await import('@tensorflow/tfjs-core');
  await import('@tensorflow/tfjs-backend-cpu');
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  const require = createRequire(import.meta.url);
  wasm.setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm'))}/`);
  // PROD drops tfjs debug checks and its "install tfjs-node" console banner (it would land in the table).
  tf.env().set('PROD', true);
  return tf;
}

/** Sizes for the element-wise peer rows; the targets are at 1M (prox) and 4M (AdamW). */
function peerSizes(ctx: BenchContext): { ew: number[]; adam: number[] } {
  if (ctx.quick) return { ew: [4096], adam: [4096] };
  return { ew: [65536, 1 << 20], adam: [1 << 20, 1 << 22] };
}

async function tfRows(ctx: BenchContext, tf: TF, backend: 'wasm' | 'cpu'): Promise<Row[]> {
  const rows: Row[] = [];
  if (!(await tf.setBackend(backend))) {
    ctx.log(`skip tfjs-${backend}: backend did not initialise`);
    return rows;
  }
  if (backend === 'wasm') ctx.log(`tfjs-wasm: SIMD ${String(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'))}, threads ${String(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'))}`);
  const impl = `tfjs-${backend}`;
  const { ew, adam } = peerSizes(ctx);
  for (const n of ew) {
    const b = bytesPer('float32');
    const x = tf.tensor1d(sourceArray('float32', n, 12345) as Float32Array);
    const t = LR * LAMBDA;
    const base = { dtype: 'float32' as const, n, impl, threads: 1 };
    const prox = () => {
      const y = tf.tidy(() => tf.sub(x, tf.clipByValue(x, -t, t)));
      y.dataSync();
      y.dispose();
    };
    const pen = (sq: boolean) => () => {
      const y = tf.tidy(() => tf.mul(tf.sum(sq ? tf.square(x) : tf.abs(x)), LAMBDA));
      const v = y.dataSync()[0];
      y.dispose();
      return v;
    };
    for (const [op, fn, bytes] of [
      ['prox/l1', prox, 2 * n * b],
      ['penalty/l1', pen(false), n * b],
      ['penalty/l2', pen(true), n * b],
    ] as const) {
      const r = await timeRow(ctx, { ...base, op }, bytes, fn);
      if (r) rows.push(r);
    }
    x.dispose();
  }
  // tfjs-cpu's Adam takes seconds per step at 4M (about 1.2 s at 1M here): it is timed at 1M only.
  for (const n of backend === 'cpu' ? adam.filter((k) => k <= 1 << 20) : adam) {
    const p = tf.variable(tf.tensor1d(sourceArray('float32', n, 12345) as Float32Array));
    const g = tf.tensor1d(sourceArray('float32', n, 777) as Float32Array);
    const opt = tf.train.adam(LR, 0.9, 0.999, 1e-8);
    const step = () => {
      tf.tidy(() => {
        p.assign(tf.mul(p, 1 - LR * WD));
      });
      opt.applyGradients([{ name: p.name, tensor: g }]);
      p.dataSync();
    };
    const r = await timeRow(ctx, { op: 'adamw_step', dtype: 'float32', n, impl, threads: 1 }, 7 * n * 4, step);
    if (r) rows.push(r);
    opt.dispose();
    p.dispose();
    g.dispose();
  }
  return rows;
}

interface Optimizer {
  step(): Promise<void>;
  stepSync(): void;
}
type AdamWCtor = new (e: Engine, groups: Array<{ params: Array<{ param: FloatArray; grad: FloatArray }> }>, o: object) => Optimizer;

/** shrinkage's AdamW at the peer sizes (skipped with a note until the optimizer branch is merged). */
async function shrinkageAdamRows(ctx: BenchContext): Promise<Row[]> {
  const rows: Row[] = [];
  const AdamW = (api as unknown as Record<string, unknown>).AdamW as AdamWCtor | undefined;
  if (typeof AdamW !== 'function') {
    ctx.log('skip adamw (shrinkage): not in this build (AdamW is not exported yet)');
    return rows;
  }
  const all = await openEngines(ctx);
  const engines = all.filter((e) => e.impl !== 'js'); // the plain-JS reference has no optimizer row here
  try {
    for (const n of peerSizes(ctx).adam) {
      for (const ie of engines) {
        const param = ie.engine.from(sourceArray('float32', n, 12345), 'float32');
        const grad = ie.engine.from(sourceArray('float32', n, 777), 'float32');
        try {
          const opt = new AdamW(ie.engine, [{ params: [{ param, grad }] }], { lr: LR, betas: [0.9, 0.999], eps: 1e-8, weightDecay: WD });
          const fn = ie.async ? () => opt.step() : () => opt.stepSync();
          const r = await timeRow(ctx, { op: 'adamw_step', dtype: 'float32', n, impl: ie.impl, threads: ie.threads }, 7 * n * 4, fn);
          if (r) rows.push(r);
        } catch (e) {
          ctx.log(`skip adamw ${ie.impl} n=${n}: ${e instanceof Error ? e.message : String(e)}`);
        } finally {
          ie.engine.free(param);
          ie.engine.free(grad);
        }
      }
    }
  } finally {
    await closeEngines(all);
  }
  return rows;
}

export const peersTfjsSuite: Suite = {
  name: 'peers-tfjs',
  async run(ctx) {
    let tf: TF;
    try {
      tf = await loadTf();
    } catch (e) {
      ctx.log(`skip peers-tfjs: tfjs did not load (${e instanceof Error ? e.message : String(e)})`);
      return [];
    }
    const rows = [...(await tfRows(ctx, tf, 'wasm')), ...(await tfRows(ctx, tf, 'cpu'))];
    rows.push(...(await shrinkageAdamRows(ctx)));
    return rows;
  },
};
