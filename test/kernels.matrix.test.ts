// Every registry kernel against its plain-JS reference over docs/design.md §7's matrix: sizes at tile
// boundaries, both dtypes, NaN/±Inf/±0, misaligned pointers, in-place aliasing of array arguments.
import { describe, expect, it } from 'vitest';
import { DTYPES, type DType, type FloatArray } from '../src/dtype.js';
import { callWasm } from '../src/engine/executor.js';
import { arrayLengths, partialSlots } from '../src/kernels/layout.js';
import { KERNELS, type RegisteredDef } from '../src/kernels/registry.js';
import { samplesOf } from '../src/kernels/samples.js';
import type { KernelCall } from '../src/kernels/types.js';
import { fill, firstDiff, make, rng, SIZES } from './support/data.js';
import { bare } from './support/wasm.js';
import { SHARED_CONSTANTS } from '../src/wasm/load.js';

const kit = bare();
type Variant = 'plain' | 'specials' | 'misaligned' | 'aliased';

function closeEnough(a: number, b: number, tol: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b) || !Number.isFinite(a) || !Number.isFinite(b)) return Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));
  return Math.abs(a - b) <= tol * Math.max(1, Math.abs(a), Math.abs(b));
}

function runCase(def: RegisteredDef, dtype: DType, n: number, variant: Variant): void {
  const samples = samplesOf(def.name);
  const rand = rng(n * 7919 + def.name.length * 131 + (dtype === 'float32' ? 1 : 2));
  const scalars = samples.sample(n, rand, dtype);
  const shift = variant === 'misaligned' ? 1 : 0;
  const count = variant === 'aliased' ? 1 : def.arrays;
  const lengths = arrayLengths(def, n, scalars);
  const structural = samples.sampleArrays?.(n, scalars, rand) ?? [];
  const wasmArrays: (FloatArray | Int32Array)[] = [];
  for (let k = 0; k < count; k++) {
    const given = structural[k];
    let a: FloatArray | Int32Array;
    const type = def.arrayTypes?.[k];
    if (type === 'i32') {
      if (!given) throw new Error(`${def.name}: int32 array ${k} needs sampleArrays`);
      a = new Int32Array(kit.memory.buffer, kit.arena.alloc((lengths[k]! + shift) * 4) + shift * 4, lengths[k]!);
    } else a = kit.array(type === 'f64' ? 'float64' : dtype, lengths[k]!, shift);
    if (given) a.set(given);
    else fill(a as FloatArray, rand, { specials: variant === 'specials' });
    wasmArrays.push(a);
  }
  while (wasmArrays.length < def.arrays) wasmArrays.push(wasmArrays[0]!);
  // The reference gets copies with the same aliasing.
  const copies = new Map<FloatArray | Int32Array, FloatArray | Int32Array>();
  const jsArrays = wasmArrays.map((a) => {
    if (!copies.has(a)) copies.set(a, a instanceof Int32Array ? new Int32Array(a.length) : make(a instanceof Float64Array ? 'float64' : 'float32', a.length));
    const c = copies.get(a)!;
    c.set(a);
    return c;
  });
  const call: KernelCall = { kernel: def.name, dtype, ptrs: wasmArrays.map((a) => a.byteOffset), n, scalars };
  const slots = partialSlots(def, call, 1);
  let outW: Float64Array | undefined, outJ: Float64Array | undefined;
  if (def.reduce) {
    const ptr = kit.arena.alloc(Math.max(1, slots) * 8);
    outW = new Float64Array(kit.memory.buffer, ptr, slots);
    // The same stale contents on both sides: words a kernel leaves alone must stay equal.
    outW.fill(-7.25);
    outJ = new Float64Array(slots).fill(-7.25);
    call.out = ptr;
  }
  callWasm(kit.exports, call);
  def.js(dtype, jsArrays, n, scalars, outJ);
  const label = `${def.name} ${dtype} n=${n} ${variant}`;
  for (const k of def.writes) {
    const d = firstDiff(wasmArrays[k]!, jsArrays[k]!);
    expect(d, `${label}: array ${k} differs at ${d}: wasm ${wasmArrays[k]![d]} js ${jsArrays[k]![d]}`).toBe(-1);
  }
  if (outW && outJ && def.reduce?.u32) {
    // u32 counts: exact, word by word.
    const w32 = new Uint32Array(outW.buffer, outW.byteOffset, slots * 2), j32 = new Uint32Array(outJ.buffer, 0, slots * 2);
    const d = firstDiff(w32, j32);
    if (d >= 0) expect.fail(`${label}: count word ${d}: wasm ${w32[d]} js ${j32[d]}`);
  } else if (outW && outJ) {
    const tol = samples.reduceTol?.[dtype] ?? 0;
    for (let i = 0; i < slots; i++) {
      // expect() only on a mismatch: reductions with many slots (per group, 2048 histogram bins) are slow otherwise.
      if (!closeEnough(outW[i]!, outJ[i]!, tol)) expect.fail(`${label}: partial ${i}: wasm ${outW[i]} js ${outJ[i]}`);
    }
  }
  for (const a of new Set(wasmArrays)) kit.arena.release(a.byteOffset - shift * a.BYTES_PER_ELEMENT);
  if (call.out !== undefined) kit.arena.release(call.out);
}

for (const def of KERNELS.values()) {
  describe(`kernel ${def.name}`, () => {
    for (const dtype of DTYPES) {
      it(`${dtype}: matches the JS reference over the size matrix`, () => {
        for (const n of SIZES) {
          if (def.maxN !== undefined && n > def.maxN) continue;
          runCase(def, dtype, n, 'plain');
          runCase(def, dtype, n, 'specials');
          runCase(def, dtype, n, 'misaligned');
          // Arrays of different lengths or types (X and w, CSR parts) cannot alias meaningfully.
          if (def.arrays > 1 && !def.lengths && !def.arrayTypes) runCase(def, dtype, n, 'aliased');
        }
      });
    }
  });
}

describe('layout constants', () => {
  it('the module exports BLOCK, HIST_BINS and HIST_COPIES equal to the TypeScript side (checked at instantiation)', () => {
    for (const [name, want] of Object.entries(SHARED_CONSTANTS)) {
      expect((kit.exports as unknown as Record<string, WebAssembly.Global>)[name]!.value, name).toBe(want);
    }
    expect(SHARED_CONSTANTS).toEqual({ BLOCK: 4096, HIST_BINS: 2048, HIST_COPIES: 4 });
  });
});
