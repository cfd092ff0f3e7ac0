// logistic_loss: r = σ(z) − y (bitwise twin of the wasm kernel) and per-block Σ log-loss partials.
import { roundTo } from '../../dtype.js';
import { BLOCK } from '../layout.js';
import { defineKernel, type KernelSamples } from '../types.js';

const LN2_HI = 6.93147180369123816490e-01;
const LN2_LO = 1.90821492927058770002e-10;
const INV_LN2 = 1.44269504088896338700e+00;
const P1 = 1.66666666666666019037e-01;
const P2 = -2.77777777770155933842e-03;
const P3 = 6.61375632143793436117e-05;
const P4 = -1.65339022054652515390e-06;
const P5 = 4.13813679705723846039e-08;
const pow2 = new Float64Array(1);
const pow2Words = new Uint32Array(pow2.buffer);

/** The kernel's table-free e^x for x ≤ 0, same operations in the same order. */
export function expNeg(x: number): number {
  if (!(x > -708)) return x !== x ? x : 0;
  if (x > -3.725290298461914e-9) return 1 + x;
  const k = Math.trunc(INV_LN2 * x - 0.5);
  const hi = x - k * LN2_HI;
  const lo = k * LN2_LO;
  const t = hi - lo;
  const tt = t * t;
  const c = t - tt * (P1 + tt * (P2 + tt * (P3 + tt * (P4 + tt * P5))));
  const y = 1 + ((t * c) / (2 - c) - lo + hi);
  pow2Words[0] = 0;
  pow2Words[1] = (1023 + k) << 20; // little-endian: high word holds the exponent
  return y * pow2[0]!;
}

export const logisticLoss = defineKernel({
  name: 'logistic_loss',
  doc: 'r_i = σ(z_i) − y_i; per 4096 block Σ log(1 + e^{−|z|}) + max(z, 0) − y·z (f64)',
  arrays: 3,
  writes: [2],
  scalars: [],
  reduce: { per: 'block', fields: 1 },
  cost: 8,
  js(dtype, [z, y, r], n, _s, out) {
    const round = roundTo(dtype);
    for (let b = 0, o = 0; b < n; b += BLOCK, o++) {
      const end = Math.min(n, b + BLOCK);
      let loss = 0;
      for (let i = b; i < end; i++) {
        const zi = z![i]!, yi = y![i]!;
        const e = expNeg(-Math.abs(zi));
        const sig = zi >= 0 ? 1 / (1 + e) : e / (1 + e);
        r![i] = round(sig - yi);
        loss += Math.log1p(e) + (zi > 0 ? zi : 0) - yi * zi;
      }
      out![o] = loss;
    }
  },
});

/** logisticLoss's test inputs (src/kernels/samples.ts). */
export const logisticLossSamples: KernelSamples = {
  sample: () => [],
  reduceTol: { float32: 1e-12, float64: 1e-12 },
};
