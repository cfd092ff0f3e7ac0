// Every refusal of docs/design.md §6 and the issue: a ShrinkageError with the right code, a message that
// names the argument, and the arrays exactly as they were (async verbs reject, *Sync twins throw).
import { afterEach, describe, expect, it } from 'vitest';
import { Adam, createEngine, elasticNet, groupLasso, l1, l2, SGD, ShrinkageError } from '../src/index.js';
import type { ErrorCode } from '../src/errors.js';
import type { FloatArray } from '../src/dtype.js';
import { expectArenaIntact } from './support/arena.js';
import { BACKENDS, useEngines } from './support/engines.js';

const engines = useEngines();

function expectError(f: () => unknown, code: ErrorCode, names: string): void {
  let err: unknown;
  try {
    f();
  } catch (e) {
    err = e;
  }
  expect(err, `expected ${code}`).toBeInstanceOf(ShrinkageError);
  expect((err as ShrinkageError).code).toBe(code);
  expect((err as ShrinkageError).message).toContain(names);
}

async function expectRejection(p: () => Promise<unknown>, code: ErrorCode, names: string): Promise<void> {
  let err: unknown;
  try {
    await p();
  } catch (e) {
    err = e;
  }
  expect(err, `expected ${code}`).toBeInstanceOf(ShrinkageError);
  expect((err as ShrinkageError).code).toBe(code);
  expect((err as ShrinkageError).message).toContain(names);
}

/** Runs the sync and async forms of a refused call and checks that `arrays` are untouched. */
async function refused(
  arrays: FloatArray[],
  sync: () => unknown,
  async: () => Promise<unknown>,
  code: ErrorCode,
  names: string,
): Promise<void> {
  const before = arrays.map((a) => Array.from(a));
  expectError(sync, code, names);
  await expectRejection(async, code, names);
  arrays.forEach((a, i) => expect(Array.from(a)).toEqual(before[i]));
}

const values = (n: number) => Array.from({ length: n }, (_, i) => Math.sin(i + 1) * 3);

describe.each(BACKENDS)('backend %s', (backend) => {
  const eng = () => engines.get(backend)!;
  afterEach(() => expectArenaIntact(eng())); // every refused call above left the arena whole

  it('wrong lengths and mixed dtypes', async () => {
    const e = eng();
    const w = e.from(values(10)), g = e.from(values(9)), g64 = e.from(values(10), 'float64');
    await refused([g, w], () => e.addPenaltyGradSync(g, w, l1(0.1)), () => e.addPenaltyGrad(g, w, l1(0.1)), 'E_LENGTH', 'g has length 9');
    await refused([g64, w], () => e.addPenaltyGradSync(g64, w, l2(0.1)), () => e.addPenaltyGrad(g64, w, l2(0.1)), 'E_DTYPE', 'g has dtype float64');
    const plain64 = new Float64Array(values(10));
    await refused([plain64, w], () => e.addPenaltyGradSync(plain64, w, l2(0.1)), () => e.addPenaltyGrad(plain64, w, l2(0.1)), 'E_DTYPE', 'g');
  });

  it('negative, NaN and non-numeric λ (descriptor factories and plain descriptors)', async () => {
    const e = eng();
    const w = e.from(values(8));
    expectError(() => l1(-1), 'E_RANGE', 'lambda = -1');
    expectError(() => l2(NaN), 'E_NOT_FINITE', 'lambda = NaN');
    expectError(() => elasticNet({ l1: 0.1, l2: -2 }), 'E_RANGE', 'l2 = -2');
    expectError(() => elasticNet({ l1: Infinity, l2: 0 }), 'E_NOT_FINITE', 'l1 = Infinity');
    expectError(() => groupLasso(-0.5, 2), 'E_RANGE', 'lambda = -0.5');
    expectError(() => l1('0.1' as unknown as number), 'E_TYPE', 'lambda');
    const bad = [
      [{ kind: 'l1', lambda: -1 }, 'E_RANGE', 'lambda'],
      [{ kind: 'l2', lambda: NaN }, 'E_NOT_FINITE', 'lambda'],
      [{ kind: 'elasticNet', l1: 0.1, l2: NaN }, 'E_NOT_FINITE', 'l2'],
      [{ kind: 'l3', lambda: 1 }, 'E_TYPE', 'regularizer'],
      ['l1', 'E_TYPE', 'regularizer'],
    ] as const;
    for (const [reg, code, name] of bad) {
      const r = reg as never;
      await refused([w], () => e.proxSync(w, r, 0.1), () => e.prox(w, r, 0.1), code, name);
      await refused([w], () => e.penaltySync(w, r), () => e.penalty(w, r), code, name);
      await refused([w], () => e.addPenaltyGradSync(w, w, r), () => e.addPenaltyGrad(w, w, r), code, name);
    }
  });

  it('negative, NaN and non-numeric step lr', async () => {
    const e = eng();
    const w = e.from(values(8));
    await refused([w], () => e.proxSync(w, l1(0.1), -0.5), () => e.prox(w, l1(0.1), -0.5), 'E_RANGE', 'lr = -0.5');
    await refused([w], () => e.proxSync(w, l1(0.1), NaN), () => e.prox(w, l1(0.1), NaN), 'E_NOT_FINITE', 'lr = NaN');
    await refused([w], () => e.proxSync(w, l2(0.1), '1' as never), () => e.prox(w, l2(0.1), '1' as never), 'E_TYPE', 'lr');
  });

  it('groupSize that does not divide n, or is not a positive integer', async () => {
    const e = eng();
    const w = e.from(values(10)), g = e.from(values(10));
    const r = groupLasso(0.1, 3);
    await refused([w], () => e.proxSync(w, r, 0.1), () => e.prox(w, r, 0.1), 'E_LENGTH', 'groupSize = 3');
    await refused([w], () => e.penaltySync(w, r), () => e.penalty(w, r), 'E_LENGTH', 'groupSize = 3');
    await refused([g, w], () => e.addPenaltyGradSync(g, w, r), () => e.addPenaltyGrad(g, w, r), 'E_LENGTH', 'w has length 10');
    await refused([w], () => e.pruneSync(w, { fraction: 0.5, groupSize: 4 }), () => e.prune(w, { fraction: 0.5, groupSize: 4 }), 'E_LENGTH', 'groupSize = 4');
    expectError(() => groupLasso(0.1, 0), 'E_RANGE', 'groupSize = 0');
    expectError(() => groupLasso(0.1, 2.5), 'E_RANGE', 'groupSize = 2.5');
    await refused([w], () => e.pruneSync(w, { fraction: 0.5, groupSize: -2 }), () => e.prune(w, { fraction: 0.5, groupSize: -2 }), 'E_RANGE', 'groupSize = -2');
  });

  it('radius ≤ 0, NaN radius, unknown norm, non-finite entries', async () => {
    const e = eng();
    const w = e.from(values(8));
    for (const radius of [0, -1])
      await refused([w], () => e.projectSync(w, { norm: 'l1', radius }), () => e.project(w, { norm: 'l2', radius }), 'E_RANGE', `radius = ${radius}`);
    await refused([w], () => e.projectSync(w, { norm: 'l2', radius: NaN }), () => e.project(w, { norm: 'l1', radius: NaN }), 'E_NOT_FINITE', 'radius = NaN');
    await refused([w], () => e.projectSync(w, { norm: 'l3' as never, radius: 1 }), () => e.project(w, { norm: 'linf' as never, radius: 1 }), 'E_TYPE', 'norm');
    const bad = e.from([1, 2, NaN, 4]), inf = e.from([1, -Infinity, 3, 4], 'float64');
    await refused([bad], () => e.projectSync(bad, { norm: 'l1', radius: 1 }), () => e.project(bad, { norm: 'l2', radius: 1 }), 'E_NOT_FINITE', 'w');
    await refused([inf], () => e.projectSync(inf, { norm: 'l2', radius: 1 }), () => e.project(inf, { norm: 'l1', radius: 1 }), 'E_NOT_FINITE', 'w');
  });

  it('fraction outside [0, 1] or NaN', async () => {
    const e = eng();
    const w = e.from(values(8));
    for (const fraction of [-0.1, 1.5])
      await refused([w], () => e.pruneSync(w, { fraction }), () => e.prune(w, { fraction }), 'E_RANGE', `fraction = ${fraction}`);
    await refused([w], () => e.pruneSync(w, { fraction: NaN }), () => e.prune(w, { fraction: NaN }), 'E_NOT_FINITE', 'fraction = NaN');
    await refused([w], () => e.pruneSync(w, null as never), () => e.prune(w, null as never), 'E_TYPE', 'prune options');
  });

  it('a freed array', async () => {
    const e = eng();
    const w = e.from(values(8)), g = e.from(values(8));
    e.free(w);
    await refused([g], () => e.proxSync(w, l1(0.1), 0.1), () => e.prox(w, l1(0.1), 0.1), 'E_FREED', 'w');
    await refused([g], () => e.addPenaltyGradSync(g, w, l1(0.1)), () => e.addPenaltyGrad(g, w, l1(0.1)), 'E_FREED', 'w');
    await refused([g], () => e.addPenaltyGradSync(w, g, l1(0.1)), () => e.addPenaltyGrad(w, g, l1(0.1)), 'E_FREED', 'g');
    await refused([], () => e.statsSync(w), () => e.stats(w), 'E_FREED', 'w');
    expectError(() => e.free(w), 'E_FREED', 'array');
  });

  it('λ that overflows the array\'s dtype (as the kernel uses it: 2λ, 2·lr·λ) is refused with E_RANGE naming it', async () => {
    const e = eng();
    const w32 = e.from([0, 1, -1]), g32 = e.from([0, 0, 0]);
    const w64 = e.from([0, 1, -1], 'float64'), g64 = e.from([0, 0, 0], 'float64');
    await refused([g32, w32], () => e.addPenaltyGradSync(g32, w32, l1(1e39)), () => e.addPenaltyGrad(g32, w32, l1(1e39)), 'E_RANGE', 'lambda = 1e+39');
    await refused([w32], () => e.penaltySync(w32, groupLasso(2e38, 1)), () => e.penalty(w32, groupLasso(2e38, 1)), 'E_RANGE', 'lambda');
    await refused([g32, w32], () => e.addPenaltyGradSync(g32, w32, elasticNet({ l1: 0, l2: 2e38 })), () => e.addPenaltyGrad(g32, w32, elasticNet({ l1: 0, l2: 2e38 })), 'E_RANGE', 'l2 = 2e+38');
    await refused([g64, w64], () => e.addPenaltyGradSync(g64, w64, l2(1e308)), () => e.addPenaltyGrad(g64, w64, l2(1e308)), 'E_RANGE', 'lambda = 1e+308');
    await refused([w32], () => e.proxSync(w32, l1(1e30), 1e10), () => e.prox(w32, l1(1e30), 1e10), 'E_RANGE', 'lr = 10000000000');
    e.addPenaltyGradSync(g64, w64, l1(1e39)); // fine in float64
    expect(Array.from(g64)).toEqual([0, 1e39, -1e39]);
  });

  it('optimizer options whose step scalars overflow the dtype are refused with E_RANGE naming the group and lr', () => {
    const e = eng();
    const p = e.from([1, 2]), g = e.from([1, 1]);
    expectError(() => new SGD(e, [{ param: p, grad: g }], { lr: 1e39 }).stepSync(), 'E_RANGE', 'paramGroups[0] (lr = 1e+39');
    expectError(() => new Adam(e, [{ param: p, grad: g }], { lr: 1e39 }).stepSync(), 'E_RANGE', 'stepSize');
    expect(Array.from(p)).toEqual([1, 2]);
    const p64 = e.from([1, 2], 'float64'), g64 = e.from([1, 1], 'float64');
    new SGD(e, [{ param: p64, grad: g64 }], { lr: 1e39 }).stepSync();
    expect(Array.from(p64)).toEqual([1 - 1e39, 2 - 1e39]);
  });

  it('non-numeric input', async () => {
    const e = eng();
    const w = e.from(values(4));
    expectError(() => e.from(['a', 'b'] as never), 'E_TYPE', 'data[0]');
    expectError(() => e.from([1, null, 3] as never), 'E_TYPE', 'data[1]');
    expectError(() => e.from(42 as never), 'E_TYPE', 'data');
    expectError(() => e.alloc(-1), 'E_RANGE', 'n = -1');
    expectError(() => e.alloc(4, 'int8' as never), 'E_TYPE', 'dtype');
    await refused([w], () => e.proxSync([1, 2] as never, l1(0.1), 0.1), () => e.prox([1, 2] as never, l1(0.1), 0.1), 'E_TYPE', 'w');
    await refused([w], () => e.addPenaltyGradSync(new Int32Array(4) as never, w, l1(0.1)), () => e.addPenaltyGrad(new Int32Array(4) as never, w, l1(0.1)), 'E_TYPE', 'g');
    await refused([], () => e.statsSync('w' as never), () => e.stats('w' as never), 'E_TYPE', 'w');
  });
});

it('a *Sync call while async calls are queued is refused with E_STATE and writes nothing', async () => {
  const e = await createEngine({ backend: 'wasm', threads: 1 });
  const w = e.from(values(8)), v = e.from(values(8));
  const before = Array.from(v);
  const pending = e.prox(w, l1(0.1), 0.1);
  expectError(() => e.proxSync(v, l1(0.1), 0.1), 'E_STATE', 'queued');
  expect(Array.from(v)).toEqual(before);
  await pending;
  e.proxSync(v, l1(0.1), 0.1); // fine once the queue is empty
  await e.close();
});

it('a closed engine refuses every call', async () => {
  const e = await createEngine({ backend: 'wasm', threads: 1 });
  const w = e.from(values(8));
  const plain = new Float32Array(values(8));
  await e.close();
  await refused([plain], () => e.proxSync(plain, l1(0.1), 0.1), () => e.prox(plain, l1(0.1), 0.1), 'E_CLOSED', 'closed');
  await refused([plain], () => e.statsSync(plain), () => e.stats(plain), 'E_CLOSED', 'closed');
  await refused([plain], () => e.pruneSync(plain, { fraction: 0.5 }), () => e.prune(plain, { fraction: 0.5 }), 'E_CLOSED', 'closed');
  expectError(() => e.alloc(4), 'E_CLOSED', 'closed');
  expectError(() => e.from([1]), 'E_CLOSED', 'closed');
  expectError(() => e.free(w), 'E_CLOSED', 'closed');
});

it('the largest accepted λ gives bitwise the same L1 and L2 gradients on the wasm and js backends', async () => {
  const [wasm, js] = [await createEngine({ backend: 'wasm', threads: 1 }), await createEngine({ backend: 'js', threads: 1 })];
  for (const reg of [l1(1.7e38), l2(1.7e38 / 2), elasticNet({ l1: 1.7e38, l2: 1.7e38 / 2 })]) {
    const out = [wasm, js].map((e) => {
      const g = e.from([0, 0, 0, 0, 0]);
      e.addPenaltyGradSync(g, e.from([0, 1, -1, NaN, 1e-30]), reg);
      return Array.from(g);
    });
    expect(out[0]).toEqual(out[1]);
  }
  await wasm.close();
  await js.close();
});
