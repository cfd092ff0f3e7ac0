// Adam/AdamW's two L1 steps (l1Mode): 'decoupled' thresholds by lr·λ after the step, 'preconditioned'
// by lr·λ/(√v̂ᵢ + ε), the proximal step in Adam's diagonal metric. Each is checked against a direct
// plain-JS computation written from the formulas (not from the kernel's operation order): float64
// within 1e-12 relative with the same exact zeros; float32 within 1e-4 (12 steps of f32 rounding,
// and the soft threshold cancels its input, so entries are compared against 1% of the largest |θ|
// as their floor). The js and wasm backends agree bitwise, and 'decoupled' stays the default.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Adam, AdamW, createEngine, type AdamOptions, type Engine } from '../src/index.js';
import type { DType } from '../src/dtype.js';
import { hashArray } from './support/optim-data.js';

const N = 1000, STEPS = 12;
const soft = (z: number, t: number) => Math.sign(z) * Math.max(Math.abs(z) - t, 0);

/** Adam(W) with L1, from the formulas, in f64: θ, and the zero pattern. */
function direct(kind: 'Adam' | 'AdamW', o: Partial<AdamOptions> & { lr: number; l1: number }): Float64Array {
  const [b1, b2] = o.betas ?? [0.9, 0.999], eps = o.eps ?? 1e-8, wd = o.weightDecay ?? (kind === 'AdamW' ? 1e-2 : 0);
  const p = Float64Array.from(hashArray(1, 0, N, 'float64')), m = new Float64Array(N), v = new Float64Array(N), vmax = new Float64Array(N);
  for (let t = 1; t <= STEPS; t++) {
    const g0 = hashArray(2, t, N, 'float64');
    for (let i = 0; i < N; i++) {
      let g = g0[i]!;
      if (kind === 'Adam') g += wd * p[i]!;
      else p[i] = p[i]! * (1 - o.lr * wd);
      m[i] = b1 * m[i]! + (1 - b1) * g;
      v[i] = b2 * v[i]! + (1 - b2) * g * g;
      vmax[i] = Math.max(vmax[i]!, v[i]!);
      const mHat = m[i]! / (1 - b1 ** t), vHat = (o.amsgrad ? vmax[i]! : v[i]!) / (1 - b2 ** t);
      const scale = Math.sqrt(vHat) + eps;
      const z = p[i]! - (o.lr * mHat) / scale;
      p[i] = soft(z, o.l1Mode === 'preconditioned' ? (o.lr * o.l1) / scale : o.lr * o.l1);
    }
  }
  return p;
}

function run(engine: Engine, kind: 'Adam' | 'AdamW', dtype: DType, o: Partial<AdamOptions>): Float32Array | Float64Array {
  const param = engine.from(hashArray(1, 0, N, dtype), dtype), grad = engine.alloc(N, dtype);
  const opt = new (kind === 'Adam' ? Adam : AdamW)(engine, [{ param, grad }], o);
  for (let t = 1; t <= STEPS; t++) {
    grad.set(hashArray(2, t, N, dtype));
    opt.stepSync();
  }
  const out = param.slice();
  opt.dispose();
  engine.free(param);
  engine.free(grad);
  return out;
}

const CASES: { kind: 'Adam' | 'AdamW'; o: Partial<AdamOptions> & { lr: number; l1: number } }[] = [
  { kind: 'Adam', o: { lr: 0.01, l1: 0.5 } },
  { kind: 'Adam', o: { lr: 0.02, l1: 0.3, weightDecay: 0.1, amsgrad: true, betas: [0.8, 0.99] } },
  { kind: 'AdamW', o: { lr: 0.01, l1: 0.5, weightDecay: 0.2 } },
  { kind: 'AdamW', o: { lr: 0.03, l1: 0.05, eps: 1e-3 } },
];

describe('Adam/AdamW l1Mode', () => {
  const engines: Partial<Record<'js' | 'wasm', Engine>> = {};
  beforeAll(async () => {
    engines.js = await createEngine({ backend: 'js', threads: 1 });
    engines.wasm = await createEngine({ backend: 'wasm', threads: 1 });
  });
  afterAll(async () => {
    await engines.js?.close();
    await engines.wasm?.close();
  });

  for (const { kind, o } of CASES)
    for (const mode of ['decoupled', 'preconditioned'] as const) {
      const opts = { ...o, l1Mode: mode };
      const label = `${kind} ${JSON.stringify(o)} ${mode}`;
      it(`${label}: equals the direct computation (f64 1e-12, f32 1e-4), same exact zeros; js and wasm bitwise`, () => {
        const want = direct(kind, opts);
        const big = want.reduce((a, x) => Math.max(a, Math.abs(x)), 0);
        for (const dtype of ['float64', 'float32'] as const) {
          const wasm = run(engines.wasm!, kind, dtype, opts), js = run(engines.js!, kind, dtype, opts);
          expect(wasm, `${dtype}: wasm and js backends bitwise`).toEqual(js);
          const [tol, floor] = dtype === 'float64' ? [1e-12, 1e-3] : [1e-4, 1e-2 * big];
          let worst = 0, zerosDiffer = 0;
          for (let i = 0; i < N; i++) {
            worst = Math.max(worst, Math.abs(wasm[i]! - want[i]!) / Math.max(Math.abs(want[i]!), floor));
            if ((wasm[i] === 0) !== (want[i] === 0)) zerosDiffer++;
          }
          expect(worst, `${dtype} relative error`).toBeLessThanOrEqual(tol);
          // f32 rounding may move an element across the threshold; f64 may not.
          expect(zerosDiffer, `${dtype}: elements zero in one and not the other`).toBeLessThanOrEqual(dtype === 'float64' ? 0 : 2);
        }
        expect(want.filter((x) => x === 0).length, 'the case makes exact zeros').toBeGreaterThan(0);
      });
    }

  it('the two modes differ, and the preconditioned threshold is the larger one where √v̂ + ε < 1', () => {
    const o = { lr: 0.01, l1: 0.5 };
    const dec = run(engines.wasm!, 'Adam', 'float64', { ...o, l1Mode: 'decoupled' });
    const pre = run(engines.wasm!, 'Adam', 'float64', { ...o, l1Mode: 'preconditioned' });
    // |g| < 1 here, so √v̂ < 1: every threshold lr·λ/(√v̂ + ε) exceeds lr·λ and more elements are zero.
    expect(pre.filter((x) => x === 0).length).toBeGreaterThan(dec.filter((x) => x === 0).length);
  });

  it("'decoupled' is the default (bitwise), l1Mode is part of the state dict, and a bad value is E_TYPE", () => {
    const o = { lr: 0.01, l1: 0.5 };
    expect(run(engines.wasm!, 'AdamW', 'float32', o)).toEqual(run(engines.wasm!, 'AdamW', 'float32', { ...o, l1Mode: 'decoupled' }));
    const e = engines.wasm!, param = e.alloc(4), grad = e.alloc(4);
    const opt = new Adam(e, [{ param, grad }], { l1Mode: 'preconditioned' });
    expect(opt.stateDict().paramGroups[0]!.l1Mode).toBe('preconditioned');
    const sd = opt.stateDict();
    sd.paramGroups[0]!.l1Mode = 'proximal';
    expect(() => opt.loadStateDict(sd)).toThrow(expect.objectContaining({ code: 'E_TYPE' }));
    expect(() => new AdamW(e, [{ param, grad }], { l1Mode: 'prox' as never })).toThrow(expect.objectContaining({ code: 'E_TYPE' }));
    opt.dispose();
    e.free(param);
    e.free(grad);
  });
});
