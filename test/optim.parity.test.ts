// PyTorch parity: every case of test/fixtures/torch_optim.json (made by
// scripts/fixtures/torch_optim_fixtures.py with torch 1.13, single-tensor path) replayed on both
// backends and both dtypes: f64 within 1e-12 relative, f32 within 1e-5 relative, per element.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../src/index.js';
import { Adam, AdamW, SGD } from '../src/index.js';
import type { DType } from '../src/dtype.js';
import { hashArray } from './support/optim-data.js';

interface Case {
  name: string;
  opt: 'SGD' | 'Adam' | 'AdamW';
  lr: number;
  decayLr?: boolean;
  options: Record<string, unknown>;
  groups?: Record<string, unknown>[];
  results: Record<DType, { params: Record<string, number[][]>; state: Record<string, number[]>[] }>;
}
const fixture = JSON.parse(readFileSync(new URL('./fixtures/torch_optim.json', import.meta.url), 'utf8')) as {
  steps: number; sizes: number[]; cases: Case[];
};

const TOL: Record<DType, number> = { float64: 1e-12, float32: 1e-5 };
/**
 * Magnitude below which the relative error is taken against this floor instead. torch's CPU kernels
 * fuse `a + α·b` into one FMA (checked: torch 1.13 `g.add(p, alpha=a)` equals the fused f32 result),
 * wasm SIMD has no FMA, so each such op may differ by half an ulp of its operands (≈ 6e-8 in f32 for
 * operands of size 1); where the result cancels to ~1e-3 that is ~6e-5 relative. The floor keeps
 * the per-element test meaningful: f32 entries are compared relative to max(|a|, |b|, 1% of the
 * tensor's largest magnitude); f64 entries relative to max(|a|, |b|, 1e-3).
 */
const floorOf = (dtype: DType, want: number[]): number =>
  dtype === 'float64' ? 1e-3 : 1e-2 * want.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
const STATE_NAMES: Record<string, string> = { exp_avg: 'exp_avg', exp_avg_sq: 'exp_avg_sq', max_exp_avg_sq: 'max_exp_avg_sq', momentum_buffer: 'momentum_buffer' };

/** Largest |a − b| / max(|a|, |b|, floor): relative, with a floor for entries near zero. */
function relErr(got: ArrayLike<number>, want: number[], floor: number): number {
  expect(got.length).toBe(want.length);
  let worst = 0;
  for (let i = 0; i < want.length; i++) {
    const a = got[i]!, b = want[i]!;
    worst = Math.max(worst, Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), floor));
  }
  return worst;
}

function replay(engine: Engine, c: Case, dtype: DType) {
  const refs = fixture.sizes.map((n, k) => ({
    param: engine.from(hashArray(1000 + k, 0, n, dtype), dtype),
    grad: engine.alloc(n, dtype),
  }));
  const groups = c.groups ? refs.map((r, k) => ({ params: [r], ...c.groups![k] })) : [{ params: refs }];
  const Ctor = { SGD, Adam, AdamW }[c.opt];
  const opt = new Ctor(engine, groups as never, { lr: c.lr, ...c.options } as never);
  const baseLrs = opt.paramGroups.map((g) => g.lr);
  const snaps: Record<string, FloatArrayLike[]> = {};
  for (let t = 1; t <= fixture.steps; t++) {
    refs.forEach((r, k) => r.grad.set(hashArray(2000 + k, t, r.grad.length, dtype)));
    if (c.decayLr) opt.paramGroups.forEach((g, i) => (g.lr = baseLrs[i]! * (1 - t / 40)));
    opt.stepSync();
    if (c.results[dtype].params[String(t)]) snaps[String(t)] = refs.map((r) => Array.from(r.param));
  }
  const state = opt.stateDict();
  return { snaps, state, refs, opt };
}
type FloatArrayLike = number[];

for (const backend of ['wasm', 'js'] as const) {
  describe(`PyTorch parity (${backend} backend)`, () => {
    let engine: Engine;
    beforeAll(async () => { engine = await createEngine({ backend, threads: 1 }); });
    afterAll(async () => { await engine.close(); });

    for (const c of fixture.cases) {
      for (const dtype of ['float64', 'float32'] as const) {
        it(`${c.name} ${dtype}: ${fixture.steps} steps match torch.optim.${c.opt}`, () => {
          const want = c.results[dtype];
          const { snaps, state } = replay(engine, c, dtype);
          for (const [t, tensors] of Object.entries(want.params)) {
            tensors.forEach((w, k) => {
              const e = relErr(snaps[t]![k]!, w, floorOf(dtype, w));
              expect(e, `${c.name} ${dtype} step ${t} tensor ${k}: relative error ${e}`).toBeLessThanOrEqual(TOL[dtype]);
            });
          }
          want.state.forEach((s, k) => {
            for (const [name, w] of Object.entries(s)) {
              const got = decodeState(state, k, STATE_NAMES[name]!, dtype);
              const e = relErr(got, w, floorOf(dtype, w));
              expect(e, `${c.name} ${dtype} state ${name} of tensor ${k}: relative error ${e}`).toBeLessThanOrEqual(TOL[dtype]);
            }
          });
        });
      }
    }
  });
}

function decodeState(sd: ReturnType<SGD['stateDict']>, k: number, name: string, dtype: DType): ArrayLike<number> {
  const entry = sd.state[k];
  expect(entry, `state of tensor ${k}`).toBeTruthy();
  const b64 = entry!.buffers[name];
  expect(b64, `buffer ${name} of tensor ${k}`).toBeTruthy();
  const bytes = Buffer.from(b64!, 'base64');
  const copy = new Uint8Array(bytes);
  return dtype === 'float32' ? new Float32Array(copy.buffer) : new Float64Array(copy.buffer);
}
