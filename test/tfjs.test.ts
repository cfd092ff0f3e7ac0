// shrinkage/tfjs: the tf.Optimizer subclasses give bitwise the core optimizers' results for the same
// gradient sequence, on tfjs's cpu and wasm backends; groups by variable name, group lasso by rows
// and columns, getWeights/setWeights, serialization, minimize, and the refusals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, groupLasso, type Engine } from '../src/index.js';
import { Adam as CoreAdam, AdamW as CoreAdamW, SGD as CoreSGD } from '../src/index.js';
import { Adam, AdamW, SGD, type ShrinkageOptimizer } from '../src/tfjs/index.js';
import { hashArray } from './support/optim-data.js';
import { TF_BACKENDS, useBackend } from './support/tfjs-backends.js';
import type * as TF from '@tensorflow/tfjs-core';

const SHAPES: Record<string, number[]> = { 'dense/kernel': [6, 5], 'dense/bias': [5], 'out/kernel': [5, 3] };
const STEPS = 7;
const f32 = (seed: number, t: number, n: number) => hashArray(seed, t, n, 'float32') as Float32Array;

const CASES = [
  { name: 'SGD momentum nesterov wd l1', T: SGD, C: CoreSGD, o: { lr: 0.05, momentum: 0.9, nesterov: true, weightDecay: 0.01, l1: 0.02 } },
  { name: 'SGD dampening maximize', T: SGD, C: CoreSGD, o: { lr: 0.05, momentum: 0.5, dampening: 0.3, maximize: true } },
  { name: 'Adam wd amsgrad', T: Adam, C: CoreAdam, o: { lr: 0.01, weightDecay: 0.1, amsgrad: true, betas: [0.8, 0.99] } },
  { name: 'Adam l1 eps', T: Adam, C: CoreAdam, o: { lr: 0.02, l1: 0.5, eps: 1e-6 } },
  { name: 'AdamW defaults', T: AdamW, C: CoreAdamW, o: {} },
  { name: 'AdamW wd l1 maximize', T: AdamW, C: CoreAdamW, o: { lr: 0.03, weightDecay: 0.2, l1: 0.3, maximize: true } },
  { name: 'AdamW preconditioned l1 amsgrad', T: AdamW, C: CoreAdamW, o: { lr: 0.03, weightDecay: 0.1, l1: 0.3, l1Mode: 'preconditioned', amsgrad: true } },
] as const;

type Ctor = new (o: never) => ShrinkageOptimizer<object>;

function makeVars(tf: typeof TF, tag: string): Record<string, TF.Variable> {
  return Object.fromEntries(Object.entries(SHAPES).map(([name, shape], k) => {
    const n = shape.reduce((a, b) => a * b, 1);
    return [name, tf.variable(tf.tensor(f32(1000 + k, 0, n), shape), true, `${tag}/${name}`)];
  }));
}
const gradsAt = (tf: typeof TF, vars: Record<string, TF.Variable>, t: number) =>
  Object.values(vars).map((v, k) => ({ name: v.name, tensor: tf.tensor(f32(2000 + k, t, v.size), v.shape) }));
const disposeAll = (tf: typeof TF, xs: { tensor: TF.Tensor }[]) => tf.dispose(xs.map((x) => x.tensor));

for (const backend of TF_BACKENDS) {
  describe(`shrinkage/tfjs on tfjs-backend-${backend}`, () => {
    let tf: typeof TF;
    let engine: Engine;
    let tag = backend === 'cpu' ? 0 : 1000;
    beforeAll(async () => {
      tf = await useBackend(backend);
      engine = await createEngine({ threads: 1 });
    });
    afterAll(async () => {
      await engine.close();
    });

    for (const c of CASES) {
      it(`${c.name}: ${STEPS} steps bitwise equal to the core optimizer`, () => {
        const vars = makeVars(tf, `p${tag++}`);
        const opt = new (c.T as unknown as Ctor)({ ...c.o, engine } as never);
        // Core reference: one core optimizer per tensor, each over engine arrays.
        const refs = Object.values(vars).map((v, k) => ({ param: engine.from(f32(1000 + k, 0, v.size)), grad: engine.alloc(v.size) }));
        const cores = refs.map((r) => new (c.C as unknown as new (e: Engine, p: unknown[], o: object) => CoreAdam)(engine, [r], c.o));
        for (let t = 1; t <= STEPS; t++) {
          const grads = gradsAt(tf, vars, t);
          opt.applyGradients(grads);
          disposeAll(tf, grads);
          refs.forEach((r, k) => r.grad.set(f32(2000 + k, t, r.grad.length)));
          for (const core of cores) core.stepSync();
        }
        Object.values(vars).forEach((v, k) => expect(v.dataSync()).toEqual(new Float32Array(refs[k]!.param)));
        expect(opt.iterations).toBe(STEPS);
        cores.forEach((core) => core.dispose());
        refs.forEach((r) => { engine.free(r.param); engine.free(r.grad); });
        opt.dispose();
        tf.dispose(Object.values(vars));
      });
    }

    it('groups by variable name: no decay for biases, and a variable left out of a step is not stepped', () => {
      const vars = makeVars(tf, `g${tag++}`);
      const opt = new AdamW({ lr: 0.01, weightDecay: 0.5, engine, groups: [{ match: /\/bias$/, weightDecay: 0 }, { match: [vars['out/kernel']!.name], lr: 0.1 }] });
      const core = (o: object, k: number, steps: number[]) => {
        const r = { param: engine.from(f32(1000 + k, 0, Object.values(vars)[k]!.size)), grad: engine.alloc(Object.values(vars)[k]!.size) };
        const c = new CoreAdamW(engine, [r], o);
        for (const t of steps) { r.grad.set(f32(2000 + k, t, r.grad.length)); c.stepSync(); }
        const out = new Float32Array(r.param);
        c.dispose(); engine.free(r.param); engine.free(r.grad);
        return out;
      };
      for (let t = 1; t <= 3; t++) {
        // the bias gets no gradient at step 2: tfjs optimizers skip it, its step count stays behind
        const grads = gradsAt(tf, vars, t).filter((g) => !(t === 2 && g.name.endsWith('/bias')));
        opt.applyGradients(grads);
        disposeAll(tf, grads);
      }
      expect(vars['dense/kernel']!.dataSync()).toEqual(core({ lr: 0.01, weightDecay: 0.5 }, 0, [1, 2, 3]));
      expect(vars['dense/bias']!.dataSync()).toEqual(core({ lr: 0.01, weightDecay: 0 }, 1, [1, 3]));
      expect(vars['out/kernel']!.dataSync()).toEqual(core({ lr: 0.1, weightDecay: 0.5 }, 2, [1, 2, 3]));
      opt.dispose();
      tf.dispose(Object.values(vars));
    });

    for (const by of ['row', 'column'] as const) {
      it(`group lasso by ${by}: the core step then the group prox on each ${by}; whole ${by}s become exact zeros`, () => {
        const [rows, cols] = [8, 6], n = rows * cols, lr = 0.05, lambda = 8;
        // Group k starts k + 1 times larger: the threshold removes the first groups, never the last.
        const init = f32(7, 0, n).map((x, i) => x * (1 + (by === 'row' ? Math.floor(i / cols) : i % cols)));
        const v = tf.variable(tf.tensor(init, [rows, cols]), true, `lasso${tag++}`);
        const opt = new SGD({ lr, momentum: 0.9, engine, groups: [{ match: [v.name], groupLasso: { lambda, by } }] });
        // Reference: groups made contiguous by transposing for columns; core SGD, then proxSync.
        const tr = (a: Float32Array, r: number, c: number) => { const o = new Float32Array(a.length); for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) o[j * r + i] = a[i * c + j]!; return o; };
        const lay = (a: Float32Array) => (by === 'column' ? tr(a, rows, cols) : a);
        const ref = { param: engine.from(lay(init)), grad: engine.alloc(n) };
        const core = new CoreSGD(engine, [ref], { lr, momentum: 0.9 });
        for (let t = 1; t <= 6; t++) {
          const g = tf.tensor(f32(8, t, n), [rows, cols]);
          opt.applyGradients({ [v.name]: g });
          g.dispose();
          ref.grad.set(lay(f32(8, t, n)));
          core.stepSync();
          engine.proxSync(ref.param, groupLasso(lambda, by === 'column' ? rows : cols), lr);
        }
        const got = v.dataSync() as Float32Array;
        expect(got).toEqual(by === 'column' ? tr(new Float32Array(ref.param), cols, rows) : new Float32Array(ref.param));
        const zeroGroups = by === 'row'
          ? Array.from({ length: rows }, (_, i) => got.subarray(i * cols, (i + 1) * cols).every((x) => x === 0))
          : Array.from({ length: cols }, (_, j) => Array.from({ length: rows }, (_, i) => got[i * cols + j]).every((x) => x === 0));
        expect(zeroGroups.some(Boolean), 'some groups are exact zeros').toBe(true);
        expect(zeroGroups.every(Boolean), 'not every group is zero').toBe(false);
        core.dispose(); engine.free(ref.param); engine.free(ref.grad);
        opt.dispose();
        v.dispose();
      });
    }

    it('getWeights/setWeights: a restored optimizer continues bitwise as the uninterrupted one', async () => {
      const a = makeVars(tf, `w${tag++}`), b = makeVars(tf, `w${tag++}`);
      const groups = [{ match: /bias/, weightDecay: 0 }, { match: /out\/kernel$/, groupLasso: { lambda: 0.5, by: 'column' as const } }];
      const optA = new AdamW({ lr: 0.02, amsgrad: true, groups, engine });
      const run = (opt: AdamW, vars: Record<string, TF.Variable>, from: number, to: number) => {
        for (let t = from; t <= to; t++) { const g = gradsAt(tf, vars, t); opt.applyGradients(g); disposeAll(tf, g); }
      };
      run(optA, a, 1, 3);
      const saved = await optA.getWeights();
      expect(saved.map((w) => w.name.slice(w.name.indexOf('/') + 1))).toContain('out/kernel/max_exp_avg_sq');
      expect(saved.find((w) => w.name.endsWith('out/kernel/exp_avg'))!.tensor.shape).toEqual(SHAPES['out/kernel']);
      Object.entries(a).forEach(([k, v]) => b[k]!.assign(v));
      const optB = new AdamW({ lr: 0.02, amsgrad: true, groups });
      // tfjs names the state after the variables: map a's names onto b's.
      await optB.setWeights(saved.map((w) => ({ name: w.name.replace(/^w\d+/, b['dense/bias']!.name.split('/')[0]!), tensor: w.tensor })));
      expect(optB.iterations).toBe(3);
      run(optA, a, 4, 6);
      run(optB, b, 4, 6);
      for (const k of Object.keys(a)) expect(b[k]!.dataSync()).toEqual(a[k]!.dataSync());
      await expect(optB.setWeights([saved[0]!, { name: `${b['dense/bias']!.name}/nu`, tensor: saved[1]!.tensor }])).rejects.toMatchObject({ code: 'E_TYPE' });
      tf.dispose(saved.map((w) => w.tensor));
      optA.dispose(); optB.dispose();
      tf.dispose([...Object.values(a), ...Object.values(b)]);
    });

    it('serialization: registered under its own class name; fromConfig rebuilds the same optimizer', () => {
      const opt = new Adam({ lr: 0.03, betas: [0.8, 0.9], l1: 0.1, groups: [{ match: /bias/, lr: 0.1 }, { match: ['x'], groupLasso: { lambda: 1, by: 'row' } }] });
      const entry = tf.serialization.SerializationMap.getMap().classNameMap[opt.getClassName()];
      expect(opt.getClassName()).toBe('ShrinkageAdam');
      expect(entry?.[0]).toBe(Adam);
      const config = JSON.parse(JSON.stringify(opt.getConfig())) as TF.serialization.ConfigDict;
      const copy = entry![1](entry![0] as never, config) as Adam;
      expect(copy).toBeInstanceOf(Adam);
      expect(copy.getConfig()).toEqual(opt.getConfig());
      expect(config).toMatchObject({ lr: 0.03, betas: [0.8, 0.9], l1: 0.1, weightDecay: 0, groups: [{ match: { regexp: 'bias', flags: '' }, lr: 0.1 }, { match: ['x'] }] });
      opt.dispose(); copy.dispose();
    });

    it('minimize(f) trains, and steps only varList when it is given', () => {
      const w = tf.variable(tf.zeros([4]), true, `m${tag++}`), frozen = tf.variable(tf.ones([4]), true, `m${tag++}`);
      const target = tf.tensor1d([1, -2, 3, 0.5]);
      const loss = () => tf.sum(tf.square(tf.sub(tf.add(w, frozen), target))) as TF.Scalar;
      const opt = new AdamW({ lr: 0.1, weightDecay: 0 });
      const first = opt.minimize(loss, true, [w])!.dataSync()[0]!;
      for (let i = 0; i < 200; i++) opt.minimize(loss, false, [w]);
      const last = tf.tidy(() => loss().dataSync()[0]!);
      expect(last).toBeLessThan(first * 1e-3);
      expect(Array.from(frozen.dataSync())).toEqual([1, 1, 1, 1]);
      expect(opt.variableNames).toEqual([w.name]);
      const own = opt.engine;
      opt.dispose();
      expect(() => own.alloc(1)).toThrow(expect.objectContaining({ code: 'E_CLOSED' }));
      tf.dispose([w, frozen, target]);
    });

    it('refuses bad options and gradients with coded errors, before writing', () => {
      expect(() => new SGD({} as never)).toThrow(expect.objectContaining({ code: 'E_TYPE' })); // lr is required, as in PyTorch
      expect(() => new Adam({ lr: -1 })).toThrow(expect.objectContaining({ code: 'E_RANGE' }));
      expect(() => new Adam({ momentum: 0.9 } as never)).toThrow(expect.objectContaining({ code: 'E_TYPE' }));
      expect(() => new AdamW({ groups: [{ match: 3 as never }] })).toThrow(expect.objectContaining({ code: 'E_TYPE' }));
      expect(() => new AdamW({ groups: [{ match: /x/, groupLasso: { lambda: 1, by: 'unit' as never } }] })).toThrow(expect.objectContaining({ code: 'E_TYPE' }));
      const v = tf.variable(tf.ones([3]), true, `e${tag++}`), m = tf.variable(tf.ones([2, 3]), true, `e${tag++}`);
      const opt = new AdamW({ engine, groups: [{ match: [v.name], groupLasso: { lambda: 1, by: 'row' } }] });
      const g = tf.ones([2]);
      expect(() => opt.applyGradients({ [m.name]: tf.ones([2, 3]), [v.name]: tf.ones([3]) })).toThrow(expect.objectContaining({ code: 'E_RANGE' }));
      expect(() => opt.applyGradients({ [m.name]: g })).toThrow(expect.objectContaining({ code: 'E_LENGTH' }));
      expect(() => opt.applyGradients([{ name: 'no-such-variable', tensor: g }])).toThrow(expect.objectContaining({ code: 'E_TYPE' }));
      expect(Array.from(m.dataSync())).toEqual([1, 1, 1, 1, 1, 1]);
      expect(opt.iterations).toBe(0);
      opt.dispose();
      tf.dispose([v, m, g]);
    });
  });
}
