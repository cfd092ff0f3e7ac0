// logistic_dual: per-block Σ H(y_i − κ·r_i) (binary entropy), the dual value of logistic loss at
// the scaled dual point, for the duality gap.
import { BLOCK } from '../layout.js';
import { defineKernel, type KernelSamples } from '../types.js';

// ln p for 0 < p < ½ as ln m + e·ln 2 with p = m·2ᵉ, m ∈ [½, 1) (the kernel's way): p − 1 would lose
// p's digits, and round to −1 (log1p = −∞) below 2⁻⁵⁴.
const bits = new Float64Array(1), words = new Uint32Array(bits.buffer); // little-endian: words[1] is the high word
function lnBelowHalf(p: number): number {
  let e = 0;
  if (p < 2.2250738585072014e-308) {
    p *= 18014398509481984; // 2⁵⁴
    e = -54;
  }
  bits[0] = p;
  const hi = words[1]!;
  e += ((hi >>> 20) & 0x7ff) - 1022;
  words[1] = (hi & 0x800fffff) | (1022 << 20);
  return Math.log1p(bits[0]! - 1) + e * 0.6931471805599453;
}
const xlnx = (p: number) => (p > 0 ? p * (p < 0.5 ? lnBelowHalf(p) : Math.log1p(p - 1)) : 0);

export const logisticDual = defineKernel({
  name: 'logistic_dual',
  doc: 'per 4096 block Σ H(clamp(y_i − κ·r_i, 0, 1)), H(p) = −p·ln p − (1 − p)·ln(1 − p) (f64)',
  arrays: 2,
  arrayTypes: ['f64', 'f64'],
  writes: [],
  scalars: ['kappa'],
  reduce: { per: 'block', fields: 1 },
  cost: 8,
  js(_dtype, [y, r], n, [kappa], out) {
    for (let b = 0, o = 0; b < n; b += BLOCK, o++) {
      const end = Math.min(n, b + BLOCK);
      let h = 0;
      for (let i = b; i < end; i++) {
        let p = y![i]! - kappa! * r![i]!;
        p = p < 0 ? 0 : p > 1 ? 1 : p;
        h -= xlnx(p) + xlnx(1 - p);
      }
      out![o] = h;
    }
  },
});

/** logisticDual's test inputs (src/kernels/samples.ts). */
export const logisticDualSamples: KernelSamples = {
  sample: (_n, rand) => [rand()],
  reduceTol: { float32: 1e-12, float64: 1e-12 },
};
