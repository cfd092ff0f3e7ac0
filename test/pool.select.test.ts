// Pruning's radix select sizes its histogram scratch by the pieces a call can be cut into, not by
// the pool's maxShards: a pool of 8 threads prunes 100k elements inside 8 MiB of engine memory,
// with the same result as the inline engine (maxShards × 64 KiB per pass needed 8 MiB per pass).
import { describe, expect, it } from 'vitest';
import { createEngine } from '../src/index.js';
import { expectArenaIntact } from './support/arena.js';
import { fill, firstDiff, rng } from './support/data.js';

describe('pruning scratch', () => {
  it('prunes (entries and groups, both dtypes) on a many-thread pool in a small memory, as inline does', async () => {
    const pool = await createEngine({ threads: 8, parallelMinElements: 0, maxMemoryMB: 8 });
    const inline = await createEngine({ threads: 1, maxMemoryMB: 8 });
    for (const dtype of ['float32', 'float64'] as const) {
      for (const opts of [{ fraction: 0.3 }, { fraction: 0.6, groupSize: 4 }]) {
        const src = fill(dtype === 'float32' ? new Float32Array(100_000) : new Float64Array(100_000), rng(3));
        const a = pool.from(src, dtype), b = inline.from(src, dtype);
        const [ra, rb] = [await pool.prune(a, opts), inline.pruneSync(b, opts)];
        expect(ra).toEqual(rb);
        expect(firstDiff(a, b)).toBe(-1);
        pool.free(a);
        inline.free(b);
        expectArenaIntact(pool);
      }
    }
    await pool.close();
    await inline.close();
  });
});
