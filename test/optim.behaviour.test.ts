// Optimizer identities (docs/design.md §1), resume-from-state, async = sync, l1 zeros and step stats,
// argument checks (nothing written on refusal), decayGroups and the schedulers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Adam, AdamW, CosineDecay, createEngine, decayGroups, l1, l2, LinearWarmup, SGD, ShrinkageError,
  type Engine, type FloatArray, type ParamRef,
} from '../src/index.js';
import { firstDiff } from './support/data.js';
import { hashArray } from './support/optim-data.js';

let engine: Engine;
beforeAll(async () => { engine = await createEngine({ backend: 'wasm', threads: 1 }); });
afterAll(async () => { await engine.close(); });

const N = 67;
const dt = 'float64' as const;
const fresh = (k = 0, n = N, dtype: 'float32' | 'float64' = dt): ParamRef => ({
  param: engine.from(hashArray(1000 + k, 0, n, dtype), dtype),
  grad: engine.alloc(n, dtype),
});
const setGrad = (r: ParamRef, t: number, k = 0, scale = 1) => {
  const g = hashArray(2000 + k, t, r.grad.length, r.grad instanceof Float32Array ? 'float32' : 'float64');
  for (let i = 0; i < g.length; i++) r.grad[i] = g[i]! * scale;
};
const maxAbsDiff = (a: FloatArray, b: FloatArray) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
};


describe('identities', () => {
  it('SGD with l2(λ) added to the gradient equals SGD with weightDecay 2λ (bitwise, f64)', () => {
    const lam = 0.03;
    const a = fresh(), b = fresh();
    const optA = new SGD(engine, [a], { lr: 0.05, momentum: 0.9 });
    const optB = new SGD(engine, [b], { lr: 0.05, momentum: 0.9, weightDecay: 2 * lam });
    for (let t = 1; t <= 30; t++) {
      setGrad(a, t); setGrad(b, t);
      engine.addPenaltyGradSync(a.grad, a.param, l2(lam));
      optA.stepSync(); optB.stepSync();
    }
    expect(firstDiff(a.param, b.param)).toBe(-1);
    expect(maxAbsDiff(a.param, hashArray(1000, 0, N, dt))).toBeGreaterThan(0.1); // it moved
  });

  it('scaling the gradient by a constant changes Adam+L2 and leaves AdamW unchanged', () => {
    const run = (Opt: typeof Adam | typeof AdamW, scale: number) => {
      const r = fresh();
      const opt = new Opt(engine, [r], { lr: 0.01, weightDecay: 0.5, eps: 1e-14 });
      for (let t = 1; t <= 40; t++) { setGrad(r, t, 0, scale); opt.stepSync(); }
      return r.param;
    };
    // AdamW: m/sqrt(v) is invariant to g → c·g, the decoupled decay does not see g at all.
    expect(maxAbsDiff(run(AdamW, 1), run(AdamW, 100))).toBeLessThan(1e-9);
    // Adam+L2: wd·θ is added to c·g, so its weight relative to the data gradient changes with c.
    expect(maxAbsDiff(run(Adam, 1), run(Adam, 100))).toBeGreaterThan(1e-2);
    // And the two are different optimizers at the same settings.
    expect(maxAbsDiff(run(Adam, 1), run(AdamW, 1))).toBeGreaterThan(1e-2);
  });

  it('AdamW with l1 > 0 gives exact zeros; Adam with the L1 subgradient does not', () => {
    const a = fresh(), b = fresh();
    const prox = new AdamW(engine, [a], { lr: 0.01, weightDecay: 0, l1: 5 });
    const sub = new Adam(engine, [b], { lr: 0.01 });
    for (let t = 1; t <= 30; t++) {
      setGrad(a, t); setGrad(b, t);
      engine.addPenaltyGradSync(b.grad, b.param, l1(5));
      prox.stepSync(); sub.stepSync();
    }
    const zerosA = Array.from(a.param).filter((x) => x === 0).length, zerosB = Array.from(b.param).filter((x) => x === 0).length;
    expect(zerosA).toBeGreaterThan(N / 4);
    expect(zerosB).toBe(0);
    const st = prox.lastStepStats()!;
    expect(st).toEqual({ n: N, nnz: N - zerosA, perTensor: [{ n: N, nnz: N - zerosA }] });
  });
});

describe('state and execution', () => {
  const makers = {
    SGD: (rs: ParamRef[], e = engine) => new SGD(e, [{ params: [rs[0]!], weightDecay: 0.01 }, { params: [rs[1]!] }], { lr: 0.05, momentum: 0.9, nesterov: true, l1: 0.01 }),
    Adam: (rs: ParamRef[], e = engine) => new Adam(e, [{ params: [rs[0]!], amsgrad: true }, { params: [rs[1]!] }], { lr: 0.01, weightDecay: 0.1 }),
    AdamW: (rs: ParamRef[], e = engine) => new AdamW(e, [{ params: [rs[0]!] }, { params: [rs[1]!], weightDecay: 0 }], { lr: 0.01, l1: 0.05 }),
  };
  for (const [kind, make] of Object.entries(makers)) {
    for (const dtype of ['float32', 'float64'] as const) {
      it(`${kind} ${dtype}: resuming from a JSON round-tripped stateDict equals uninterrupted training bitwise`, () => {
        const sizes = [37, 4099];
        const a = sizes.map((n, k) => fresh(k, n, dtype)), b = sizes.map((n, k) => fresh(k, n, dtype));
        const optA = make(a);
        for (let t = 1; t <= 10; t++) { a.forEach((r, k) => setGrad(r, t, k)); optA.stepSync(); }
        const saved = JSON.parse(JSON.stringify(optA.stateDict()));
        b.forEach((r, k) => r.param.set(a[k]!.param));
        const optB = make(b);
        optB.loadStateDict(saved);
        for (let t = 11; t <= 20; t++) {
          a.forEach((r, k) => setGrad(r, t, k)); b.forEach((r, k) => setGrad(r, t, k));
          optA.stepSync(); optB.stepSync();
        }
        a.forEach((r, k) => expect(firstDiff(r.param, b[k]!.param)).toBe(-1));
        expect(optB.stateDict()).toEqual(optA.stateDict());
      });
    }
  }

  it('await step() equals stepSync() bitwise, on the pool engine and inline, for all three', async () => {
    const pooled = await createEngine({ backend: 'wasm', threads: 2, parallelMinElements: 0 });
    try {
      for (const make of Object.values(makers)) {
        const on = (e: Engine) => [37, 20000].map((n, k) => ({ param: e.from(hashArray(1000 + k, 0, n, 'float32')), grad: e.alloc(n) }));
        const a = on(engine), b = on(pooled);
        const optA = make(a, engine), optB = make(b, pooled);
        for (let t = 1; t <= 5; t++) {
          a.forEach((r, k) => setGrad(r, t, k)); b.forEach((r, k) => setGrad(r, t, k));
          optA.stepSync();
          await optB.step();
        }
        a.forEach((r, k) => expect(firstDiff(r.param, b[k]!.param)).toBe(-1));
        expect(optB.stateDict()).toEqual(optA.stateDict());
        expect(optB.lastStepStats()).toEqual(optA.lastStepStats());
      }
    } finally {
      await pooled.close();
    }
  });

  it('await step() issues ONE batch covering every group and tensor (one dispatch)', async () => {
    const e = await createEngine({ backend: 'wasm', threads: 1 });
    try {
      const executor = (e as unknown as { executor: { run: (calls: unknown[]) => unknown } }).executor;
      const batches: number[] = [];
      const run = executor.run.bind(executor);
      executor.run = (calls) => { batches.push(calls.length); return run(calls); };
      const rs = [5, 4099, 64].map((n, k) => ({ param: e.from(hashArray(1000 + k, 0, n, 'float32')), grad: e.alloc(n) }));
      const opt = new AdamW(e, [{ params: [rs[0]!, rs[1]!] }, { params: [rs[2]!], weightDecay: 0 }]);
      rs.forEach((r, k) => setGrad(r, 1, k));
      await opt.step();
      await opt.step();
      expect(batches).toEqual([3, 3]);
    } finally {
      await e.close();
    }
  });

  it('accepts plain typed arrays (copied in and out) and matches engine arrays', () => {
    const e = fresh();
    const plain = { param: Float64Array.from(e.param), grad: new Float64Array(N) };
    const o1 = new Adam(engine, [e]), o2 = new Adam(engine, [plain]);
    for (let t = 1; t <= 3; t++) { setGrad(e, t); setGrad(plain, t); o1.stepSync(); o2.stepSync(); }
    expect(firstDiff(e.param, plain.param)).toBe(-1);
  });

  it('addParamGroup, empty tensors, per-tensor step stats and dispose', () => {
    const a = fresh(0, 4097), empty = fresh(1, 0), c = fresh(2, 5);
    const opt = new SGD(engine, [a, empty], { lr: 0.5, l1: 0.3 });
    opt.addParamGroup({ params: [c], l1: 0 });
    expect(() => opt.addParamGroup({ params: [a] })).toThrow(expect.objectContaining({ code: 'E_RANGE' }));
    expect(opt.lastStepStats()).toBeNull();
    [a, empty, c].forEach((r, k) => setGrad(r, 1, k));
    const before = engine.bytesInUse;
    opt.stepSync();
    const nnz = (x: FloatArray) => Array.from(x).filter((v) => v !== 0).length;
    expect(opt.lastStepStats()).toEqual({
      n: 4102, nnz: nnz(a.param) + nnz(c.param),
      perTensor: [{ n: 4097, nnz: nnz(a.param) }, { n: 0, nnz: 0 }, { n: 5, nnz: nnz(c.param) }],
    });
    expect(nnz(a.param)).toBeLessThan(4097);
    expect(nnz(c.param)).toBe(5);
    opt.dispose(); // no state buffers for momentum-free SGD: nothing to free, nothing leaked
    expect(engine.bytesInUse).toBe(before);
    const m = new SGD(engine, [fresh()], { lr: 0.1, momentum: 0.9 });
    const b0 = engine.bytesInUse;
    m.stepSync();
    expect(engine.bytesInUse).toBeGreaterThan(b0);
    m.dispose();
    expect(engine.bytesInUse).toBe(b0);
  });

  it('a step a worker failed (E_WORKER) stops further steps until loadStateDict()', async () => {
    const pool = await createEngine({ threads: 2, parallelMinElements: 0 });
    const param = pool.from(hashArray(7, 0, 1 << 16, dt), dt), grad = pool.from(hashArray(8, 0, 1 << 16, dt), dt);
    const opt = new Adam(pool, [{ param, grad }], { lr: 1e-3 });
    await opt.step();
    const saved = opt.stateDict();
    (pool as unknown as { executor: { injectFault(k: 'throw'): void } }).executor.injectFault('throw');
    await expect(opt.step()).rejects.toMatchObject({ code: 'E_WORKER' });
    expect(() => opt.stepSync()).toThrow(expect.objectContaining({ code: 'E_STATE' }));
    opt.loadStateDict(saved);
    await opt.step();
    expect(opt.stateDict().state[0]!.step).toBe(2);
    await pool.close();
  });

  it('loadStateDict that runs out of engine memory (E_MEMORY) leaves the optimizer as it was', async () => {
    const small = await createEngine({ threads: 1, maxMemoryMB: 8 });
    const mk = (k: number, n: number): ParamRef => ({ param: small.from(hashArray(k, 0, n, dt), dt), grad: small.from(hashArray(k + 1, 0, n, dt), dt) });
    const opt = new Adam(small, [mk(1, 1000), mk(3, 200_000)], { lr: 1e-3 });
    opt.stepSync();
    const older = opt.stateDict();
    opt.stepSync();
    const now = JSON.stringify(opt.stateDict());
    const inUse = small.bytesInUse;
    expect(() => opt.loadStateDict(older)).toThrow(expect.objectContaining({ code: 'E_MEMORY' }));
    expect(JSON.stringify(opt.stateDict())).toBe(now);
    expect(small.bytesInUse).toBe(inUse);
    await small.close();
  });

  it('engine.free() refuses an array a queued step uses; after the step it frees', async () => {
    const r = fresh();
    const opt = new SGD(engine, [r], { lr: 0.1 });
    setGrad(r, 1);
    const p = opt.step();
    expect(() => engine.free(r.grad)).toThrow(expect.objectContaining({ code: 'E_STATE' }));
    await p;
    expect(opt.stateDict().state[0]!.step).toBe(1);
    engine.free(r.grad);
  });

  it('zeroGrad zeroes every gradient and refuses while a step is in flight', async () => {
    const r = fresh();
    const opt = new SGD(engine, [r], { lr: 0.1 });
    setGrad(r, 1);
    const p = opt.step();
    expect(() => opt.zeroGrad()).toThrow(expect.objectContaining({ code: 'E_STATE' }));
    await p;
    opt.zeroGrad();
    expect(Array.from(r.grad).every((x) => x === 0)).toBe(true);
  });
});

describe('argument checks (nothing written on refusal)', () => {
  const code = (fn: () => unknown) => {
    try { fn(); } catch (e) { expect(e).toBeInstanceOf(ShrinkageError); return (e as ShrinkageError).code; }
    return 'no error';
  };
  it('rejects bad tensors and options with the right codes', () => {
    const r = fresh();
    expect(code(() => new SGD(engine, [{ param: r.param, grad: engine.alloc(N - 1, dt) }], { lr: 0.1 }))).toBe('E_LENGTH');
    expect(code(() => new SGD(engine, [{ param: r.param, grad: engine.alloc(N, 'float32') }], { lr: 0.1 }))).toBe('E_DTYPE');
    expect(code(() => new SGD(engine, [r], { lr: NaN }))).toBe('E_NOT_FINITE');
    expect(code(() => new SGD(engine, [r], { lr: -1 }))).toBe('E_RANGE');
    expect(code(() => new SGD(engine, [r], {}))).toBe('E_TYPE'); // lr is required, as in PyTorch
    expect(code(() => new SGD(engine, [r], { lr: 0.1, nesterov: true }))).toBe('E_RANGE');
    expect(code(() => new SGD(engine, [r], { lr: 0.1, momentum: 0.9, dampening: 0.1, nesterov: true }))).toBe('E_RANGE');
    expect(code(() => new Adam(engine, [r], { betas: [1, 0.999] }))).toBe('E_RANGE');
    expect(code(() => new Adam(engine, [r], { betas: [0.9, -0.1] }))).toBe('E_RANGE');
    expect(code(() => new AdamW(engine, [r], { eps: -1e-8 }))).toBe('E_RANGE');
    expect(code(() => new AdamW(engine, [r], { weightDecay: -1 }))).toBe('E_RANGE');
    expect(code(() => new AdamW(engine, [r], { lr: 1e-3, bogus: 1 } as never))).toBe('E_TYPE');
    expect(code(() => new AdamW(engine, [r, r]))).toBe('E_RANGE'); // same tensor twice
  });

  it('a step refused for a bad group option writes neither params nor state', async () => {
    const r = fresh(), s = fresh(1);
    const opt = new Adam(engine, [{ params: [r] }, { params: [s] }], { lr: 0.01 });
    setGrad(r, 1); setGrad(s, 1, 1);
    opt.stepSync();
    const before = [Float64Array.from(r.param), Float64Array.from(s.param)], state = JSON.stringify(opt.stateDict());
    opt.paramGroups[1]!.lr = NaN;
    expect(() => opt.stepSync()).toThrow(expect.objectContaining({ code: 'E_NOT_FINITE' }));
    await expect(opt.step()).rejects.toMatchObject({ code: 'E_NOT_FINITE' });
    opt.paramGroups[1]!.lr = 0.01;
    opt.paramGroups[0]!.params[0] = { param: r.param, grad: engine.alloc(3, dt) };
    expect(() => opt.stepSync()).toThrow(expect.objectContaining({ code: 'E_LENGTH' }));
    opt.paramGroups[0]!.params[0] = r;
    opt.paramGroups[0]!.amsgrad = true; // would allocate a new buffer
    const queued = engine.stats(r.param); // an async engine call still queued: runSync refuses
    const bytes = engine.bytesInUse;
    expect(() => opt.stepSync()).toThrow(expect.objectContaining({ code: 'E_STATE' }));
    expect(engine.bytesInUse).toBe(bytes); // the new amsgrad buffer was freed again
    await queued;
    opt.paramGroups[0]!.amsgrad = false;
    expect(firstDiff(r.param, before[0]!)).toBe(-1);
    expect(firstDiff(s.param, before[1]!)).toBe(-1);
    expect(JSON.stringify(opt.stateDict())).toBe(state);
  });

  it('loadStateDict checks everything before it writes', () => {
    const r = fresh();
    const opt = new AdamW(engine, [r], { lr: 0.01 });
    setGrad(r, 1); opt.stepSync();
    const good = opt.stateDict();
    const other = new AdamW(engine, [fresh()], { lr: 0.02 });
    const before = JSON.stringify(other.stateDict());
    expect(() => other.loadStateDict({ ...good, optimizer: 'Adam' })).toThrow(ShrinkageError);
    expect(() => other.loadStateDict({ ...good, state: [{ ...good.state[0]!, n: 3 }] })).toThrow(expect.objectContaining({ code: 'E_LENGTH' }));
    expect(() => other.loadStateDict({ ...good, state: [{ ...good.state[0]!, dtype: 'float32' }] })).toThrow(expect.objectContaining({ code: 'E_DTYPE' }));
    expect(() => other.loadStateDict({ ...good, paramGroups: [{ ...good.paramGroups[0]!, lr: -1 }] })).toThrow(expect.objectContaining({ code: 'E_RANGE' }));
    expect(JSON.stringify(other.stateDict())).toBe(before);
    expect(new SGD(engine, [fresh()], { lr: 1 }).stateDict().encoding).toBe('base64-le');
  });
});

describe('decayGroups and schedulers', () => {
  it('decayGroups: 1-D tensors get no decay by default; a predicate overrides; shapes are required without one', () => {
    const w = { ...fresh(0, 6), name: 'fc.weight', shape: [2, 3] }, b = { ...fresh(1, 2), name: 'fc.bias', shape: [2] };
    const [d, nd] = decayGroups([w, b], { weightDecay: 0.1 });
    expect(d).toEqual({ params: [w], weightDecay: 0.1 });
    expect(nd).toEqual({ params: [b], weightDecay: 0 });
    const [d2, nd2] = decayGroups([w, b], { weightDecay: 0.1, noDecay: (p) => p.name === 'fc.weight' });
    expect(d2.params).toEqual([b]);
    expect(nd2.params).toEqual([w]);
    expect(() => decayGroups([fresh()], { weightDecay: 0.1 })).toThrow(expect.objectContaining({ code: 'E_TYPE' }));
    const opt = new AdamW(engine, decayGroups([w, b], { weightDecay: 0.1 }), { lr: 1e-3 });
    expect(opt.paramGroups.map((g) => g.weightDecay)).toEqual([0.1, 0]);
  });

  it('LinearWarmup and CosineDecay set every group lr in closed form', () => {
    const opt = new SGD(engine, [{ params: [fresh()] }, { params: [fresh(1)], lr: 0.2 }], { lr: 0.1 });
    const warm = new LinearWarmup(opt, { warmupSteps: 4 });
    expect(opt.paramGroups.map((g) => g.lr)).toEqual([0.1 * 0.25, 0.2 * 0.25]);
    for (let i = 0; i < 5; i++) warm.step();
    expect(opt.paramGroups.map((g) => g.lr)).toEqual([0.1, 0.2]);

    const opt2 = new AdamW(engine, [fresh()], { lr: 1 });
    const cos = new CosineDecay(opt2, { totalSteps: 12, warmupSteps: 2, minFactor: 0.1 });
    const lrs = [opt2.paramGroups[0]!.lr];
    for (let t = 1; t <= 13; t++) { cos.step(); lrs.push(opt2.paramGroups[0]!.lr); }
    expect(lrs[0]).toBe(0.5);
    expect(lrs[1]).toBe(1);
    expect(lrs[2]).toBe(1); // t = W: start of the cosine
    expect(lrs[7]).toBeCloseTo(0.1 + 0.9 * 0.5, 15); // half way
    expect(lrs[12]).toBeCloseTo(0.1, 15);
    expect(lrs[13]).toBeCloseTo(0.1, 15);
    expect(() => new CosineDecay(opt2, { totalSteps: 0 })).toThrow(ShrinkageError);
    // A scheduler resumed from its stateDict continues the same sequence.
    const opt3 = new AdamW(engine, [fresh()], { lr: 1 });
    const cos3 = new CosineDecay(opt3, { totalSteps: 12, warmupSteps: 2, minFactor: 0.1 });
    cos3.loadStateDict(JSON.parse(JSON.stringify(cos.stateDict())));
    expect(opt3.paramGroups[0]!.lr).toBe(lrs[13]);
  });
});
