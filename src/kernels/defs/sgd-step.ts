// sgd_step: the fused SGD step (one pass per tensor) and its bitwise plain-JS reference.
import { BLOCK } from '../layout.js';
import type { FloatArray } from '../../dtype.js';
import { defineKernel, type KernelSamples } from '../types.js';

/** Scalar order of the sgd_step kernel (after n). mode: 0 no momentum, 1 first step, 2 later. */
export const SGD_SCALARS = ['sign', 'wd', 'momentum', 'oneMinusDampening', 'lr', 'nesterov', 'mode', 'tau'] as const;

const f = Math.fround;

function sgd64(p: FloatArray, g: FloatArray, b: FloatArray, n: number, s: number[], out: Float64Array): void {
  const [sg, wd, mu, od, lr, ne, mode, t] = s as [number, number, number, number, number, number, number, number];
  const hasWd = wd !== 0, nesterov = ne !== 0, hasL1 = t !== 0, nt = -t;
  for (let k0 = 0, k = 0; k0 < n; k0 += BLOCK, k++) {
    const end = Math.min(n, k0 + BLOCK);
    let nnz = 0;
    for (let i = k0; i < end; i++) {
      const p0 = p[i]!;
      let d = g[i]! * sg;
      const b0 = mode === 2 ? b[i]! : d;
      if (hasWd) d = d + wd * p0;
      let bv = d;
      if (mode === 2) bv = b0 * mu + od * d;
      if (mode !== 0) d = nesterov ? d + mu * bv : bv;
      let pv = p0 - lr * d;
      if (hasL1) { const c = pv < t ? pv : t; pv = pv - (nt < c ? c : nt); }
      if (mode !== 0) b[i] = bv;
      p[i] = pv;
      if (pv !== 0) nnz++;
    }
    out[k] = nnz;
  }
}

function sgd32(p: FloatArray, g: FloatArray, b: FloatArray, n: number, s: number[], out: Float64Array): void {
  const [sg, wd, mu, od, lr, , , t] = s.map(f) as [number, number, number, number, number, number, number, number];
  const hasWd = s[1] !== 0, nesterov = s[5] !== 0, hasL1 = s[7] !== 0, mode = s[6]!, nt = -t;
  for (let k0 = 0, k = 0; k0 < n; k0 += BLOCK, k++) {
    const end = Math.min(n, k0 + BLOCK);
    let nnz = 0;
    for (let i = k0; i < end; i++) {
      const p0 = p[i]!;
      let d = f(g[i]! * sg);
      const b0 = mode === 2 ? b[i]! : d;
      if (hasWd) d = f(d + f(wd * p0));
      let bv = d;
      if (mode === 2) bv = f(f(b0 * mu) + f(od * d));
      if (mode !== 0) d = nesterov ? f(d + f(mu * bv)) : bv;
      let pv = f(p0 - f(lr * d));
      if (hasL1) { const c = pv < t ? pv : t; pv = f(pv - (nt < c ? c : nt)); }
      if (mode !== 0) b[i] = bv;
      p[i] = pv;
      if (pv !== 0) nnz++;
    }
    out[k] = nnz;
  }
}

export const sgdStep = defineKernel({
  name: 'sgd_step',
  doc: 'fused SGD step (momentum, dampening, Nesterov, weight decay, proximal L1); nonzero θ per block',
  arrays: 3,
  writes: [0, 2],
  scalars: [...SGD_SCALARS],
  reduce: { per: 'block', fields: 1 },
  cost: 1.5,
  js(dtype, [p, g, b], n, scalars, out) {
    (dtype === 'float32' ? sgd32 : sgd64)(p as FloatArray, g as FloatArray, b as FloatArray, n, scalars, out!);
  },
});

/** sgdStep's test inputs (src/kernels/samples.ts). */
export const sgdStepSamples: KernelSamples = {
  sample(_n, rand) {
    const mode = Math.floor(rand() * 3), mu = mode === 0 ? 0 : 0.5 + 0.45 * rand();
    const nesterov = mode !== 0 && rand() < 0.5 ? 1 : 0;
    return [rand() < 0.3 ? -1 : 1, rand() < 0.7 ? 0.1 * rand() : 0, mu, nesterov ? 1 : 1 - 0.5 * rand(),
      0.1 * rand(), nesterov, mode, rand() < 0.5 ? 0.05 * rand() : 0];
  },
};
