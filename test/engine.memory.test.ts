// Engine memory under bad input: engine.from with lengths that are not counts, createEngine's memory
// limit and option keys. After every refused call the arena's invariants hold and nothing leaked.
import { describe, expect, it } from 'vitest';
import { createEngine, ShrinkageError } from '../src/index.js';
import { arenaOf, expectArenaIntact } from './support/arena.js';
import { BACKENDS, useEngines } from './support/engines.js';

const engines = useEngines();

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ShrinkageError);
    return (e as ShrinkageError).code;
  }
  return undefined;
}

describe.each(BACKENDS)('backend %s', (backend) => {
  it('engine.from refuses a length that is not a count (NaN, negative, fractional, huge) and the arena stays whole', () => {
    const e = engines.get(backend)!;
    const keep = e.from([1, 2, 3, 4]);
    e.free(e.from(new Float32Array(64))); // a free block for a NaN size to corrupt
    const used = e.bytesInUse;
    for (const [length, code] of [[NaN, 'E_RANGE'], [-1, 'E_RANGE'], [1.5, 'E_RANGE'], [Infinity, 'E_RANGE'], ['4', 'E_TYPE']] as const) {
      expect(codeOf(() => e.from({ length } as never)), `length ${String(length)}`).toBe(code);
      expect(codeOf(() => e.from({ length } as never, 'float64'))).toBe(code);
      expectArenaIntact(e);
      expect(e.bytesInUse).toBe(used);
    }
    expect(codeOf(() => e.alloc(NaN))).toBe('E_RANGE');
    expect(codeOf(() => e.alloc(2 ** 40))).toBe('E_MEMORY');
    expectArenaIntact(e);
    // Later allocations do not overlap the live array.
    const a = e.from(new Float32Array(64).fill(9));
    expect(Array.from(keep)).toEqual([1, 2, 3, 4]);
    expect(a.every((v) => v === 9)).toBe(true);
    expect(a.byteOffset >= keep.byteOffset + 64 || a.byteOffset + a.byteLength <= keep.byteOffset).toBe(true);
    e.free(a);
    e.free(keep);
    expect(e.bytesInUse).toBe(used - 64);
    expectArenaIntact(e);
  });
});

describe('createEngine', () => {
  it('works with maxMemoryMB: 1 (inside the documented range) and refuses growth past it with E_MEMORY', async () => {
    for (const backend of BACKENDS) {
      const e = await createEngine({ backend, threads: 1, maxMemoryMB: 1 });
      expect(e.memory.buffer.byteLength).toBeLessThanOrEqual(1 << 20);
      const w = e.from([3, -1]);
      expect(await e.stats(w)).toMatchObject({ l1: 4 });
      expect(codeOf(() => e.alloc(1 << 20))).toBe('E_MEMORY');
      const most = e.alloc((1 << 20) / 4 - 64 * 1024 / 4 - 16); // everything above the reserved low 64 KiB and w
      expect(most.length).toBeGreaterThan(0);
      expectArenaIntact(e);
      await e.close();
    }
  });

  it('refuses unknown option keys with E_TYPE naming the key, as the optimizers do', async () => {
    await expect(createEngine({ thread: 1 } as never)).rejects.toMatchObject({ code: 'E_TYPE', message: expect.stringContaining('options.thread') });
    await expect(createEngine({ threads: 1, maxMemoryMb: 64 } as never)).rejects.toMatchObject({ code: 'E_TYPE', message: expect.stringContaining('maxMemoryMb') });
    await expect(createEngine({ threads: 5000 })).rejects.toMatchObject({ code: 'E_RANGE', message: expect.stringContaining('[1, 1024]') });
  });

  it('the invariant check sees a corrupted arena (it can fail)', async () => {
    const e = await createEngine({ backend: 'js', threads: 1 });
    const a = e.alloc(16);
    e.free(e.alloc(16));
    const free = (arenaOf(e) as unknown as { free: { offset: number; size: number }[] }).free;
    free.push({ offset: a.byteOffset, size: 64 }); // a free block over a live one
    expect(arenaOf(e).checkInvariants().length).toBeGreaterThan(0);
    await e.close();
  });
});
