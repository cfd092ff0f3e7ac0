// The PyTorch fixtures of test/optim.parity.test.ts (torch 1.13, float32) through the tfjs
// interface: the same 31 steps as tf.Variables stepped by shrinkage/tfjs's applyGradients, groups
// chosen by variable name, lr schedules through setLearningRate, state read back with getWeights.
// Same tolerance as the core parity test: 1e-5 relative with its floor near zero (torch fuses an
// FMA that wasm SIMD has not).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Adam, AdamW, SGD, type ShrinkageOptimizer } from '../src/tfjs/index.js';
import { hashArray } from './support/optim-data.js';
import { floorOf, relErr, TOL, torchFixture } from './support/torch-fixture.js';
import { TF_BACKENDS, useBackend } from './support/tfjs-backends.js';
import type * as TF from '@tensorflow/tfjs-core';

const fixture = torchFixture;

for (const backend of TF_BACKENDS) {
  describe(`PyTorch parity through shrinkage/tfjs (tfjs-backend-${backend})`, () => {
    let tf: typeof TF;
    beforeAll(async () => { tf = await useBackend(backend); });
    const live: { dispose(): void }[] = [];
    afterAll(() => live.forEach((x) => x.dispose()));

    for (const c of fixture.cases) {
      it(`${c.name}: ${fixture.steps} float32 steps match torch.optim.${c.opt}`, async () => {
        const vars = fixture.sizes.map((n, k) => tf.variable(tf.tensor1d(hashArray(1000 + k, 0, n, 'float32') as Float32Array), true, `${backend}-${c.name}/w${k}`));
        live.push(...vars);
        const groups = c.groups?.map((g, k) => ({ match: [vars[k]!.name], ...g }));
        const Ctor = { SGD, Adam, AdamW }[c.opt] as unknown as new (o: object) => ShrinkageOptimizer<object>;
        const opt = new Ctor({ lr: c.lr, ...c.options, ...(groups ? { groups } : {}) });
        const want = c.results.float32;
        for (let t = 1; t <= fixture.steps; t++) {
          if (c.decayLr) opt.setLearningRate(c.lr * (1 - t / 40));
          const grads = vars.map((v, k) => ({ name: v.name, tensor: tf.tensor1d(hashArray(2000 + k, t, v.size, 'float32') as Float32Array) }));
          opt.applyGradients(grads);
          tf.dispose(grads.map((g) => g.tensor));
          const snap = want.params[String(t)];
          if (snap) snap.forEach((w, k) => {
            const e = relErr(vars[k]!.dataSync(), w, floorOf('float32', w));
            expect(e, `${c.name} step ${t} tensor ${k}: relative error ${e}`).toBeLessThanOrEqual(TOL.float32);
          });
        }
        const weights = await opt.getWeights();
        want.state.forEach((s, k) => {
          for (const [name, w] of Object.entries(s)) {
            const got = weights.find((x) => x.name === `${vars[k]!.name}/${name}`);
            expect(got, `state ${name} of tensor ${k}`).toBeDefined();
            const e = relErr(got!.tensor.dataSync(), w, floorOf('float32', w));
            expect(e, `${c.name} state ${name} of tensor ${k}: relative error ${e}`).toBeLessThanOrEqual(TOL.float32);
          }
        });
        tf.dispose(weights.map((x) => x.tensor));
        opt.dispose();
      });
    }
  });
}
