// The model kernels' sharding metadata (lengths, strides, arrayTypes, 'block' partial layout), as
// the pool uses it: running a call as several row shards — array pointers advanced by
// start·stride, partials by (start/unit)·fields with unit = BLOCK or the group size — must give
// bitwise the same result as one call.
import { describe, expect, it } from 'vitest';
import { DTYPES, type DType } from '../src/dtype.js';
import { callWasm } from '../src/engine/executor.js';
import { BLOCK, argView, arrayLengths, elementBytes, fieldsOf, partialSlots } from '../src/kernels/layout.js';
import { kernel, type KernelName } from '../src/kernels/registry.js';
import { samplesOf } from '../src/kernels/samples.js';
import type { KernelCall } from '../src/kernels/types.js';
import { fill, firstDiff, rng } from './support/data.js';
import { bare } from './support/wasm.js';

const kit = bare();
/** Group size for the 'group' kernels: BLOCK/4, so the BLOCK-multiple cuts fall on group bounds. */
const GROUP = BLOCK / 4;

function setup(name: KernelName, dtype: DType, n: number, seed: number) {
  const def = kernel(name);
  const rand = rng(seed);
  const scalars = samplesOf(name).sample(n, rand);
  if (def.reduce?.per === 'group') scalars[0] = GROUP; // shard cuts below are multiples of it
  const lengths = arrayLengths(def, n, scalars);
  const given = samplesOf(name).sampleArrays?.(n, scalars, rand) ?? [];
  const arrays = lengths.map((len, k) => {
    const ptr = kit.arena.alloc(Math.max(1, len) * elementBytes(def, k, dtype)); // may grow memory: view after
    const a = argView(def, k, dtype, kit.memory.buffer, ptr, len);
    if (given[k]) a.set(given[k]!);
    else fill(a as Float64Array, rand);
    return a;
  });
  return { def, scalars, arrays };
}

/** Runs [0, n) as shards cut at `cuts` (multiples of BLOCK for reductions); returns written copies and partials. */
function run(name: KernelName, dtype: DType, n: number, seed: number, cuts: number[]) {
  const { def, scalars, arrays } = setup(name, dtype, n, seed);
  const strides = def.strides?.(scalars) ?? arrays.map(() => 1);
  const slots = partialSlots(def, { n, scalars }, 1);
  const outPtr = def.reduce ? kit.arena.alloc(Math.max(1, slots) * 8) : undefined;
  const bounds = [0, ...cuts, n];
  for (let s = 0; s + 1 < bounds.length; s++) {
    const start = bounds[s]!, end = bounds[s + 1]!;
    const call: KernelCall = {
      kernel: name, dtype, n: end - start, scalars,
      ptrs: arrays.map((a, k) => a.byteOffset + start * strides[k]! * a.BYTES_PER_ELEMENT),
    };
    const unit = def.reduce?.per === 'group' ? scalars[0]! : BLOCK;
    if (outPtr !== undefined) call.out = outPtr + (start / unit) * fieldsOf(def, scalars) * 8;
    callWasm(kit.exports, call);
  }
  const written = def.writes.map((k) => arrays[k]!.slice());
  const partials = outPtr === undefined ? new Float64Array(0) : new Float64Array(kit.memory.buffer, outPtr, slots).slice();
  for (const a of arrays) kit.arena.release(a.byteOffset);
  if (outPtr !== undefined) kit.arena.release(outPtr);
  return { written, partials };
}

describe('model kernels shard by rows (columns, list entries for the CD kernels)', () => {
  const n = 3 * BLOCK + 77; // the last group is short
  for (const name of [
    'linear_xw', 'linear_xtr', 'csr_xw', 'csr_xtr', 'logistic_loss', 'logistic_irls', 'logistic_dual', 'cd_resid',
    'cd_sweep_dense', 'cd_sweep_csc', 'cd_wnorms_dense', 'cd_wnorms_csc', 'cd_gram_dense', 'cd_gram_csc',
  ] as const) {
    for (const dtype of DTYPES) {
      it(`${name} ${dtype}: 3 shards at block/group bounds = 1 call, bitwise`, () => {
        const whole = run(name, dtype, n, 42, []);
        const sharded = run(name, dtype, n, 42, [BLOCK, 3 * BLOCK]);
        whole.written.forEach((w, k) => expect(firstDiff(w, sharded.written[k]!)).toBe(-1));
        expect(firstDiff(whole.partials, sharded.partials)).toBe(-1);
        if (kernel(name).reduce) expect(whole.partials.length).toBeGreaterThan(0);
      });
    }
  }
  it('X·w kernels and the column-sharded CD kernels also split anywhere', () => {
    for (const name of ['linear_xw', 'csr_xw', 'cd_sweep_dense', 'cd_sweep_csc', 'cd_gram_dense', 'cd_gram_csc'] as const) {
      const whole = run(name, 'float64', 1001, 7, []);
      const sharded = run(name, 'float64', 1001, 7, [1, 500, 999]);
      expect(firstDiff(whole.written[0]!, sharded.written[0]!)).toBe(-1);
    }
  });
});
