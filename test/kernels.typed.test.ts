// Typed kernel calls: the engine names kernels from the registry's union and passes scalars by
// name (the `@ts-expect-error` lines below fail `npm run typecheck` if a misspelt kernel or scalar
// compiles), and the test inputs of the kernels stay out of the runtime bundle.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { kernelCall } from '../src/engine/calls.js';
import { KERNELS, scalarsOf, type KernelName } from '../src/kernels/registry.js';
import { SAMPLES } from '../src/kernels/samples.js';
import type { KernelCall } from '../src/kernels/types.js';

const x = { ptr: 64, n: 100, dtype: 'float32' as const };

describe('typed kernel calls', () => {
  it('a kernel name outside the registry, or a scalar it does not name, does not compile', () => {
    // @ts-expect-error: misspelt kernel name
    const misspelt: KernelName = 'prox_l11';
    // @ts-expect-error: misspelt kernel name in a call object
    const call: KernelCall = { kernel: 'proxl1', dtype: 'float32', ptrs: [64], n: 1, scalars: [] };
    // @ts-expect-error: prox_l1 takes tau, not lambda
    expect(() => kernelCall('prox_l1', [x], { lambda: 1 })).toThrow();
    // @ts-expect-error: prune_group_le needs groupSize too
    expect(() => kernelCall('prune_group_le', [x], { bHi: 0, bLo: 1 })).toThrow(/groupSize/);
    expect([misspelt, call.kernel]).toEqual(['prox_l11', 'proxl1']);
  });

  it('named scalars go in the order the definition lists them', () => {
    expect(kernelCall('prune_group_le', [x], { bLo: 3, groupSize: 4, bHi: 2 }, 512)).toEqual({
      kernel: 'prune_group_le', dtype: 'float32', ptrs: [64], n: 100, scalars: [4, 2, 3], out: 512,
    });
    expect(scalarsOf('hist_abs', { prefLo: 4, width: 2, prefHi: 3, shift: 1 })).toEqual([1, 2, 3, 4]);
    expect(kernelCall('stats', [x], {})).not.toHaveProperty('out');
  });

  it('every registry kernel has test inputs, and the runtime bundle carries none of them', () => {
    expect([...SAMPLES.keys()].sort()).toEqual([...KERNELS.keys()].sort());
    const dir = fileURLToPath(new URL('../dist/bundle/', import.meta.url));
    const files = readdirSync(dir).filter((f) => f.endsWith('.js'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      // Names are kept by the bundler (whitespace and syntax minification only).
      const found = readFileSync(dir + f, 'utf8').match(/\w+Samples\b|sampleArrays|reduceTol|sampleCsrArrays/g) ?? [];
      expect(found.filter((m) => m !== 'nSamples'), f).toEqual([]);
    }
  });
});
