// adam_step: the fused Adam / AdamW step (one pass per tensor) and its bitwise plain-JS reference;
// adam_step_precond_l1: the same step with its L1 threshold divided by the step's denominator √v̂ + ε.
import { BLOCK } from '../layout.js';
import type { FloatArray } from '../../dtype.js';
import { defineKernel, type KernelDef, type KernelSamples } from '../types.js';

/** Scalar order of the adam_step kernel (after n). See assembly/kernels/adam-step.ts. */
export const ADAM_SCALARS = ['sign', 'wd', 'decay', 'beta1', 'oneMinusBeta1', 'beta2', 'oneMinusBeta2',
  'stepSize', 'bc2Sqrt', 'eps', 'tau', 'amsgrad'] as const;

const f = Math.fround;

/** f64 reference: same operations, same order as the kernel. */
function adam64(p: FloatArray, g: FloatArray, m: FloatArray, v: FloatArray, x: FloatArray, n: number, s: number[], out: Float64Array, pre: boolean): void {
  const [sg, wd, dc, b1, c1, b2, c2, ss, bc, ep, t, am] = s as [number, number, number, number, number, number, number, number, number, number, number, number];
  const hasWd = wd !== 0, ams = am !== 0, hasL1 = t !== 0, nt = -t;
  for (let b = 0, k = 0; b < n; b += BLOCK, k++) {
    const end = Math.min(n, b + BLOCK);
    let nnz = 0;
    for (let i = b; i < end; i++) {
      const p0 = p[i]!, m0 = m[i]!, v0 = v[i]!;
      let gv = g[i]! * sg;
      const x0 = ams ? x[i]! : v0;
      if (hasWd) gv = gv + wd * p0;
      let pv = p0 * dc;
      const mv = m0 * b1 + c1 * gv;
      const vv = v0 * b2 + (c2 * gv) * gv;
      const xv = ams ? Math.max(x0, vv) : vv;
      const den = Math.sqrt(xv) / bc + ep;
      pv = pv - (ss * mv) / den;
      if (hasL1) {
        const tp = pre ? t / den : t, ntp = pre ? -tp : nt;
        const c = pv < tp ? pv : tp;
        pv = pv - (ntp < c ? c : ntp);
      }
      m[i] = mv; v[i] = vv;
      if (ams) x[i] = xv;
      p[i] = pv;
      if (pv !== 0) nnz++;
    }
    out[k] = nnz;
  }
}

/** f32 reference: every operation rounded to f32 as the kernel's f32 arithmetic does. */
function adam32(p: FloatArray, g: FloatArray, m: FloatArray, v: FloatArray, x: FloatArray, n: number, s: number[], out: Float64Array, pre: boolean): void {
  const [sg, wd, dc, b1, c1, b2, c2, ss, bc, ep, t, am] = s.map(f) as [number, number, number, number, number, number, number, number, number, number, number, number];
  const hasWd = s[1] !== 0, ams = s[11] !== 0, hasL1 = s[10] !== 0, nt = -t;
  void am;
  for (let b = 0, k = 0; b < n; b += BLOCK, k++) {
    const end = Math.min(n, b + BLOCK);
    let nnz = 0;
    for (let i = b; i < end; i++) {
      const p0 = p[i]!, m0 = m[i]!, v0 = v[i]!;
      let gv = f(g[i]! * sg);
      const x0 = ams ? x[i]! : v0;
      if (hasWd) gv = f(gv + f(wd * p0));
      let pv = f(p0 * dc);
      const mv = f(f(m0 * b1) + f(c1 * gv));
      const vv = f(f(v0 * b2) + f(f(c2 * gv) * gv));
      const xv = ams ? Math.max(x0, vv) : vv;
      const den = f(f(f(Math.sqrt(xv)) / bc) + ep);
      pv = f(pv - f(f(ss * mv) / den));
      if (hasL1) {
        const tp = pre ? f(t / den) : t, ntp = pre ? -tp : nt;
        const c = pv < tp ? pv : tp;
        pv = f(pv - (ntp < c ? c : ntp));
      }
      m[i] = mv; v[i] = vv;
      if (ams) x[i] = xv;
      p[i] = pv;
      if (pv !== 0) nnz++;
    }
    out[k] = nnz;
  }
}

/** The two Adam kernels differ only in how the L1 threshold is scaled (`pre`: by 1/(√v̂ + ε)). */
function adamKernel<const N extends string>(name: N, doc: string, pre: boolean) {
  return defineKernel({
    name,
    doc,
    arrays: 5,
    writes: [0, 2, 3, 4],
    scalars: [...ADAM_SCALARS],
    reduce: { per: 'block', fields: 1 },
    cost: 2,
    js: ((dtype, [p, g, m, v, x], n, scalars, out) => {
      (dtype === 'float32' ? adam32 : adam64)(p as FloatArray, g as FloatArray, m as FloatArray, v as FloatArray, x as FloatArray, n, scalars, out!, pre);
    }) satisfies KernelDef['js'],
  });
}

export const adamStep = adamKernel('adam_step',
  'fused Adam/AdamW step: θ, m, v (and amsgrad max) updated in one pass; nonzero θ per block', false);

export const adamStepPrecondL1 = adamKernel('adam_step_precond_l1',
  "fused Adam/AdamW step whose L1 threshold is τ/(√v̂ + ε) per element (the prox in Adam's metric); nonzero θ per block", true);

/** adamStep's and adamStepPrecondL1's test inputs (src/kernels/samples.ts). */
export const adamStepSamples: KernelSamples = {
  sample(_n, rand) {
    const b1 = 0.5 + 0.45 * rand(), b2 = 0.9 + 0.099 * rand(), t = 1 + Math.floor(rand() * 20), lr = 0.01 * rand();
    const adamw = rand() < 0.5, wd = rand() < 0.7 ? 0.1 * rand() : 0;
    return [rand() < 0.3 ? -1 : 1, adamw ? 0 : wd, adamw ? 1 - lr * wd : 1, b1, 1 - b1, b2, 1 - b2,
      lr / (1 - b1 ** t), Math.sqrt(1 - b2 ** t), rand() < 0.2 ? 0 : 1e-8, rand() < 0.5 ? 0.3 * rand() : 0,
      rand() < 0.5 ? 1 : 0];
  },
};
