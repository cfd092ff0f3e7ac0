// The PyTorch optimizer fixtures (test/fixtures/torch_optim.json, made by
// scripts/fixtures/torch_optim_fixtures.py with torch 1.13) and the per-element comparison both
// parity tests use: the core optimizers' (test/optim.parity.test.ts) and shrinkage/tfjs's.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { DType } from '../../src/dtype.js';

export interface TorchCase {
  name: string;
  opt: 'SGD' | 'Adam' | 'AdamW';
  lr: number;
  decayLr?: boolean;
  options: Record<string, unknown>;
  groups?: Record<string, unknown>[];
  results: Record<DType, { params: Record<string, number[][]>; state: Record<string, number[]>[] }>;
}

export const torchFixture = JSON.parse(readFileSync(new URL('../fixtures/torch_optim.json', import.meta.url), 'utf8')) as {
  steps: number; sizes: number[]; cases: TorchCase[];
};

/** Per-dtype tolerance of the relative error. */
export const TOL: Record<DType, number> = { float64: 1e-12, float32: 1e-5 };

/**
 * Magnitude below which the relative error is taken against this floor instead. torch's CPU kernels
 * fuse `a + α·b` into one FMA (checked: torch 1.13 `g.add(p, alpha=a)` equals the fused f32 result),
 * wasm SIMD has no FMA, so each such op may differ by half an ulp of its operands (≈ 6e-8 in f32 for
 * operands of size 1); where the result cancels to ~1e-3 that is ~6e-5 relative. The floor keeps
 * the per-element test meaningful: f32 entries are compared relative to max(|a|, |b|, 1% of the
 * tensor's largest magnitude); f64 entries relative to max(|a|, |b|, 1e-3).
 */
export const floorOf = (dtype: DType, want: number[]): number =>
  dtype === 'float64' ? 1e-3 : 1e-2 * want.reduce((m, x) => Math.max(m, Math.abs(x)), 0);

/** Largest |a − b| / max(|a|, |b|, floor): relative, with a floor for entries near zero. */
export function relErr(got: ArrayLike<number>, want: number[], floor: number): number {
  expect(got.length).toBe(want.length);
  let worst = 0;
  for (let i = 0; i < want.length; i++) {
    const a = got[i]!, b = want[i]!;
    worst = Math.max(worst, Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), floor));
  }
  return worst;
}
