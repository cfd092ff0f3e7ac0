// The shard planner, without threads: fast-check properties over synthetic kernel definitions of
// every shape the registry can describe (elementwise, grouped, block/group/shard reductions,
// strided and shared arrays, int32 arrays) and over batches of calls.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesOf, type DType } from '../src/dtype.js';
import { BLOCK } from '../src/kernels/layout.js';
import type { KernelCall, KernelDef } from '../src/kernels/types.js';
import { planShards, shardUnit } from '../src/pool/planner.js';

const base = { doc: '', writes: [0], js: () => {} };
const DEFS: Record<string, KernelDef> = {
  ew: { ...base, name: 'ew', arrays: 2, scalars: ['a'], cost: 1 },
  grouped: { ...base, name: 'grouped', arrays: 1, scalars: ['groupSize', 'l'], grouped: true, cost: 2 },
  block: { ...base, name: 'block', arrays: 1, scalars: [], reduce: { per: 'block', fields: 4 }, cost: 1 },
  group: { ...base, name: 'group', arrays: 1, scalars: ['groupSize'], reduce: { per: 'group', fields: 1 }, grouped: true, cost: 1.5 },
  shard: { ...base, name: 'shard', arrays: 1, scalars: ['t'], reduce: { per: 'shard', fields: (s) => 2 + s.length }, cost: 0.5 },
  // Row-sharded X·w: X advances `cols` elements per row, w is shared, y advances 1, idx is int32.
  rows: {
    ...base, name: 'rows', arrays: 4, scalars: ['cols'], cost: 8, arrayTypes: ['x', 'x', 'x', 'i32'],
    lengths: (n, [c]) => [n * c!, c!, n, n], strides: ([c]) => [c!, 0, 1, 1],
  },
};
const defOf = (name: string) => DEFS[name]!;

const callArb = fc
  .record({
    kernel: fc.constantFrom(...Object.keys(DEFS)),
    dtype: fc.constantFrom<DType>('float32', 'float64'),
    units: fc.integer({ min: 0, max: 40 }),
    extra: fc.integer({ min: 0, max: 5000 }),
    group: fc.integer({ min: 1, max: 300 }),
    cols: fc.integer({ min: 1, max: 9 }),
    base: fc.integer({ min: 1, max: 1000 }),
  })
  .map(({ kernel, dtype, units, extra, group, cols, base: b }) => (i: number): KernelCall<string> => {
    const def = DEFS[kernel]!;
    const grouped = def.grouped || def.reduce?.per === 'group';
    const n = grouped ? units * group : units === 0 ? 0 : units * 97 + extra;
    const scalars = kernel === 'rows' ? [cols] : grouped ? [group, 0.5] : kernel === 'shard' ? [0.1] : [];
    const ptrs = Array.from({ length: def.arrays }, (_, k) => i * 1e7 + k * 1e6 + b * 64);
    return { kernel, dtype, ptrs, n, scalars, ...(def.reduce ? { out: i * 1e7 + 5e6 + b * 8 } : {}) };
  });
const batchArb = fc.array(callArb, { minLength: 1, maxLength: 6 }).map((fs) => fs.map((f, i) => f(i)));

/** Element range [start, end) of a sub-call within its parent, from the first array's pointer. */
function rangeOf(def: KernelDef, parent: KernelCall<string>, sub: KernelCall<string>): [number, number] {
  const stride = def.strides?.(parent.scalars)[0] ?? 1;
  const start = (sub.ptrs[0]! - parent.ptrs[0]!) / (stride * bytesOf(parent.dtype));
  return [start, start + sub.n];
}

describe('planShards', () => {
  it('covers every call exactly, in order, with aligned starts, intact groups and right partial slots', () => {
    fc.assert(
      fc.property(batchArb, fc.integer({ min: 1, max: 9 }), (calls, parts) => {
        const plan = planShards(calls, parts, defOf);
        expect(plan.length).toBe(parts);
        // Call i's arrays live at i·10⁷ + k·10⁶ (+ base), so a sub-call's parent is ptrs[0] / 10⁷.
        const subsOf = calls.map(() => [] as { sub: KernelCall<string>; k: number }[]);
        plan.forEach((p, k) => p.forEach((sub) => subsOf[Math.floor(sub.ptrs[0]! / 1e7)]!.push({ sub, k })));
        calls.forEach((c, i) => {
          const def = defOf(c.kernel);
          const subs = subsOf[i]!;
          if (c.n === 0) return expect(subs).toEqual([{ sub: c, k: 0 }]);
          // The alignment rule, stated independently of the planner's shardUnit.
          const grouped = def.grouped || def.reduce?.per === 'group';
          const unit = grouped ? c.scalars[0]! : def.reduce?.per === 'block' ? BLOCK : 64 / bytesOf(c.dtype);
          const ranges = subs.map(({ sub, k }) => ({ sub, k, r: rangeOf(def, c, sub) })).sort((a, b) => a.r[0] - b.r[0]);
          expect(ranges.length).toBeLessThanOrEqual(parts);
          let at = 0;
          ranges.forEach(({ sub, k, r: [s, e] }, piece) => {
            expect(s).toBe(at); // cover, no overlap, no gap
            expect(e).toBeGreaterThan(s);
            expect(s % unit).toBe(0); // aligned / whole blocks / whole groups
            if (e !== c.n) expect(e % unit).toBe(0);
            if (piece > 0) expect(k).toBeGreaterThan(ranges[piece - 1]!.k); // element order = part order
            // Pointers: stride · element size per unit of n; stride 0 = shared.
            const strides = def.strides?.(c.scalars) ?? c.ptrs.map(() => 1);
            sub.ptrs.forEach((p, a) => {
              const size = def.arrayTypes?.[a] === 'i32' ? 4 : bytesOf(c.dtype);
              expect(p).toBe(c.ptrs[a]! + s * strides[a]! * size);
            });
            expect(sub.scalars).toEqual(c.scalars);
            if (def.reduce) {
              const f = typeof def.reduce.fields === 'number' ? def.reduce.fields : def.reduce.fields(c.scalars);
              const slot = def.reduce.per === 'block' ? s / BLOCK : def.reduce.per === 'group' ? s / c.scalars[0]! : piece;
              expect(sub.out).toBe(c.out! + slot * f * 8);
              expect(def.reduce.per !== 'shard' || piece < parts).toBe(true);
            } else expect(sub.out).toBeUndefined();
            at = e;
          });
          expect(at).toBe(c.n);
        });
      }),
      { numRuns: 400 },
    );
  });

  it('balances work: no part exceeds its share by more than two units of the coarsest call', () => {
    fc.assert(
      fc.property(batchArb, fc.integer({ min: 2, max: 8 }), (calls, parts) => {
        const plan = planShards(calls, parts, defOf);
        const work = (c: KernelCall<string>) => c.n * defOf(c.kernel).cost;
        const total = calls.reduce((a, c) => a + work(c), 0);
        const maxUnit = Math.max(...calls.map((c) => shardUnit(defOf(c.kernel), c) * defOf(c.kernel).cost));
        for (const p of plan) expect(p.reduce((a, c) => a + work(c), 0)).toBeLessThanOrEqual(total / parts + 2 * maxUnit + 1e-6);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps n = 0 calls whole in part 0 and a single part unchanged', () => {
    const c: KernelCall<string> = { kernel: 'block', dtype: 'float32', ptrs: [64], n: 0, scalars: [], out: 128 };
    expect(planShards([c], 3, defOf)[0]).toEqual([c]);
    const d: KernelCall<string> = { kernel: 'ew', dtype: 'float64', ptrs: [64, 128], n: 1000, scalars: [1] };
    expect(planShards([d], 1, defOf)).toEqual([[d]]);
  });

  it('splits 16 + 16 f32 elements into two 64-byte shards', () => {
    const c: KernelCall<string> = { kernel: 'ew', dtype: 'float32', ptrs: [64, 640], n: 32, scalars: [1] };
    const [a, b] = planShards([c], 2, defOf);
    expect(a).toEqual([{ ...c, n: 16 }]);
    expect(b).toEqual([{ ...c, ptrs: [128, 704], n: 16 }]);
  });
});

describe('serial and work-weighted kernels', () => {
  const serial: KernelDef = { ...base, name: 'serial', arrays: 1, scalars: [], cost: 4, serial: true };
  const weighted: KernelDef = { ...base, name: 'weighted', arrays: 1, scalars: ['nnz'], cost: 1, work: (_n, [nnz]) => nnz! };
  const of = (name: string) => (name === 'serial' ? serial : name === 'weighted' ? weighted : DEFS[name]!);
  it('a serial call is never cut: one piece, whatever the parts', () => {
    for (const parts of [1, 2, 7]) {
      const out = planShards([{ kernel: 'serial', dtype: 'float64', ptrs: [64], n: 100003, scalars: [] }], parts, of);
      expect(out.flat()).toHaveLength(1);
      expect(out.flat()[0]!.n).toBe(100003);
    }
  });
  it('shard weights follow the kernel\'s work estimate, not n', () => {
    // Two calls of equal n; the first does 9× the work: with 2 parts it gets a part to itself.
    const calls: KernelCall<string>[] = [
      { kernel: 'weighted', dtype: 'float64', ptrs: [64], n: 4096, scalars: [9 * 4096] },
      { kernel: 'weighted', dtype: 'float64', ptrs: [64], n: 4096, scalars: [4096] },
    ];
    const [a, b] = planShards(calls, 2, of);
    expect(a!.every((c) => c.scalars[0] === 9 * 4096)).toBe(true);
    expect(b!.some((c) => c.scalars[0] === 4096)).toBe(true);
  });
});
