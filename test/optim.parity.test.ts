// PyTorch parity: every case of test/fixtures/torch_optim.json (made by
// scripts/fixtures/torch_optim_fixtures.py with torch 1.13, single-tensor path) replayed on both
// backends and both dtypes: f64 within 1e-12 relative, f32 within 1e-5 relative, per element.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../src/index.js';
import { Adam, AdamW, SGD } from '../src/index.js';
import type { DType } from '../src/dtype.js';
import { hashArray } from './support/optim-data.js';
import { floorOf, relErr, TOL, torchFixture, type TorchCase } from './support/torch-fixture.js';

const fixture = torchFixture;
const STATE_NAMES: Record<string, string> = { exp_avg: 'exp_avg', exp_avg_sq: 'exp_avg_sq', max_exp_avg_sq: 'max_exp_avg_sq', momentum_buffer: 'momentum_buffer' };


function replay(engine: Engine, c: TorchCase, dtype: DType) {
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
