// A call runs on what it validated when it was issued, and never writes outside the arrays it was
// given: optimizer references swapped after step(), resizable buffers that change size while a call
// is queued, free() of an array whose view a queued call uses, and arguments that partly overlap.
import { describe, expect, it } from 'vitest';
import { createEngine, l1, l2, SGD, ShrinkageError, type Engine } from '../src/index.js';
import type { FloatArray } from '../src/dtype.js';
import { expectArenaIntact } from './support/arena.js';

/** ES2024's resizable ArrayBuffer (Node 20 has it; this package's lib is ES2022). */
type Resizable = ArrayBuffer & { resize(bytes: number): void };
const resizable = (bytes: number, max: number): Resizable =>
  new (ArrayBuffer as unknown as new (n: number, o: { maxByteLength: number }) => Resizable)(bytes, { maxByteLength: max });

/** wasm inline, wasm on a pool, js: the same guarantees everywhere. */
const CONFIGS = [
  { backend: 'wasm', threads: 1 },
  { backend: 'wasm', threads: 2, parallelMinElements: 0 },
  { backend: 'js', threads: 1 },
] as const;

async function withEngine(cfg: (typeof CONFIGS)[number], f: (e: Engine) => Promise<void>): Promise<void> {
  const e = await createEngine(cfg);
  try {
    await f(e);
    expectArenaIntact(e);
  } finally {
    await e.close();
  }
}

async function rejection(p: Promise<unknown>): Promise<ShrinkageError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ShrinkageError);
    return e as ShrinkageError;
  }
  throw new Error('the call did not reject');
}

function thrown(f: () => unknown): ShrinkageError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ShrinkageError);
    return e as ShrinkageError;
  }
  throw new Error('the call did not throw');
}

describe.each(CONFIGS)('%o', (cfg) => {
  it('an optimizer step runs on the tensors it was issued with, even if the ParamRef is changed before it runs', async () => {
    await withEngine(cfg, async (e) => {
      const ref = { param: e.from([1, 1, 1, 1]), grad: e.from([1, 1, 1, 1]) };
      const opt = new SGD(e, [ref], { lr: 0.1, momentum: 0.9 });
      await opt.step();
      const victim = e.from(new Float32Array(256).fill(7));
      const [param, grad] = [ref.param, ref.grad];
      const q = opt.step();
      ref.param = e.alloc(1024);
      ref.grad = e.alloc(1024);
      await q;
      expect(victim.every((v) => v === 7)).toBe(true);
      expect(Array.from(param)).toEqual(Array.from(new Float32Array([0.9 - 0.19, 0.9 - 0.19, 0.9 - 0.19, 0.9 - 0.19])));
      expect(Array.from(grad)).toEqual([1, 1, 1, 1]);
      expect(opt.lastStepStats()?.n).toBe(4);
      expect(ref.param.every((v) => v === 0)).toBe(true);
    });
  });

  it('a resizable buffer that grows or shrinks after the call was issued fails it with E_LENGTH; nothing is written', async () => {
    await withEngine(cfg, async (e) => {
      for (const grow of [true, false]) {
        const rab = resizable(16, 64);
        const g = new Float32Array(rab); // length-tracking: 4 elements now
        g.set([1, 1, 1, 1]);
        const w = e.from([1, -1, 1, -1]);
        const neighbour = e.from([5, 5, 5, 5]);
        const p = e.addPenaltyGrad(g, w, l1(1));
        rab.resize(grow ? 32 : 8);
        const before = Array.from(g);
        const err = await rejection(p);
        expect(err.code).toBe('E_LENGTH');
        expect(err.message).toContain('g (changed size');
        expect(Array.from(g)).toEqual(before);
        expect(Array.from(neighbour)).toEqual([5, 5, 5, 5]);
        // Issued after the change, the same call runs on the new length.
        const w2 = e.from(new Float32Array(g.length).fill(1));
        await e.addPenaltyGrad(g, w2, l1(1));
        expect(g[0]).toBe(2);
      }
    });
  });

  it('free() is refused while a queued call uses a view of the array; the block is not reused under it', async () => {
    await withEngine(cfg, async (e) => {
      const w = e.from(new Float32Array(64).fill(3));
      const q = e.prox(w.subarray(0), l2(1), 0.5);
      const inner = e.stats(w.subarray(10, 20));
      expect(e.inUse(w)).toBe(true);
      expect(thrown(() => e.free(w)).code).toBe('E_STATE');
      await q;
      await inner;
      expect(e.inUse(w)).toBe(false);
      expect(w.every((v) => v === 1.5)).toBe(true);
      e.free(w);
    });
  });

  it('partly overlapping arguments are refused with E_RANGE before anything is written; the very same array is allowed', async () => {
    await withEngine(cfg, async (e) => {
      const n = 40;
      const buf = e.from(Array.from({ length: n + 3 }, (_, i) => i - 20));
      const before = Array.from(buf);
      const g = buf.subarray(3), w = buf.subarray(0, n);
      expect(thrown(() => e.addPenaltyGradSync(g, w, l1(1))).code).toBe('E_RANGE');
      const err = await rejection(e.addPenaltyGrad(g, w, l1(1)));
      expect(err.code).toBe('E_RANGE');
      expect(err.message).toMatch(/\bg\b.*\bw\b.*overlap/);
      expect(Array.from(buf)).toEqual(before);
      // The same refusal for plain arrays (two views of one user buffer).
      const plain = new Float32Array(n + 3);
      expect(thrown(() => e.addPenaltyGradSync(plain.subarray(3), plain.subarray(0, n), l2(1))).code).toBe('E_RANGE');
      // g += ∇R(g) on the very same array is allowed, in engine memory and outside it.
      const x = e.from([1, -2]);
      await e.addPenaltyGrad(x, x, l2(0.5));
      expect(Array.from(x)).toEqual([2, -4]);
      const y = new Float64Array([1, -2]);
      e.addPenaltyGradSync(y, y, l2(0.5));
      expect(Array.from(y)).toEqual([2, -4]);
    });
  });

  it("an optimizer whose tensors overlap (one param is another one's grad, or views of one buffer) is refused with E_RANGE", async () => {
    await withEngine(cfg, async (e) => {
      const a = e.from([1, 2, 3, 4]), b = e.from([1, 1, 1, 1]), c = e.from([5, 6, 7, 8]);
      const refused = (params: { param: FloatArray; grad: FloatArray }[]) => thrown(() => new SGD(e, params as never, { lr: 0.1 })).code;
      expect(refused([{ param: a, grad: b }, { param: c, grad: a }])).toBe('E_RANGE');
      const buf = e.alloc(8);
      expect(refused([{ param: buf.subarray(0, 4), grad: b }, { param: buf.subarray(3, 7), grad: c }])).toBe('E_RANGE');
      expect(refused([{ param: buf.subarray(0, 4), grad: buf.subarray(2, 6) }])).toBe('E_RANGE');
      // A ParamRef changed into an overlap after construction: step() refuses it and writes nothing.
      const refB = { param: c, grad: b };
      const opt = new SGD(e, [{ param: a, grad: b }, refB], { lr: 0.1 });
      refB.grad = a;
      expect((await rejection(opt.step())).code).toBe('E_RANGE');
      expect(thrown(() => opt.stepSync()).code).toBe('E_RANGE');
      expect([Array.from(a), Array.from(c)]).toEqual([[1, 2, 3, 4], [5, 6, 7, 8]]);
      // θ = g for one tensor is elementwise, hence allowed.
      const self = e.from([1, 2]);
      new SGD(e, [{ param: self, grad: self }], { lr: 0.5 }).stepSync();
      expect(Array.from(self)).toEqual([0.5, 1]);
    });
  });
});
