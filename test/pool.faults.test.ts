// A worker killed at the edges of a chunk: right after it claimed the chunk (before anything else
// ran) and right after it finished it (before the chunk was counted). The call must settle, with
// E_WORKER, and close() must not hang; the pool then works as before.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../src/engine/create.js';
import { l1 } from '../src/engine/regularizers.js';
import type { PoolExecutor } from '../src/pool/pool-executor.js';
import { fill, firstDiff, rng } from './support/data.js';

const executorOf = (e: object) => (e as unknown as { executor: PoolExecutor }).executor;

/** Rejects with 'hung' if `p` has not settled within `ms`. */
const settles = <T>(p: Promise<T>, ms: number): Promise<T> =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('hung')), ms))]);

describe('pool: a worker killed at the edge of a chunk', () => {
  for (const kind of ['exit', 'exit-when-done'] as const) {
    const when = kind === 'exit' ? 'right after it claimed a chunk' : 'after its chunk was done, before it was counted';
    it(`a worker killed ${when}: the call settles, the pool goes on, close() does not hang`, async () => {
      const e = await createEngine({ threads: 3, parallelMinElements: 0 });
      const ref = await createEngine({ threads: 1 });
      const src = fill(new Float32Array(30000), rng(4));
      const w = e.from(src), r = ref.from(src);
      ref.proxSync(r, l1(0.1), 1);
      executorOf(e).injectFault(kind);
      const got = await settles(e.prox(w, l1(0.1), 1).then(() => 'ok', (x: unknown) => x), 5000);
      if (kind === 'exit') {
        expect(got).toMatchObject({ code: 'E_WORKER' }); // its chunk never ran
      } else {
        expect(got).toBe('ok'); // every chunk ran: the result is whole
        expect(firstDiff(w, r)).toBe(-1);
      }
      // The pool goes on: the next call runs and matches the inline result.
      w.set(src);
      await settles(e.prox(w, l1(0.1), 1), 5000);
      expect(firstDiff(w, r)).toBe(-1);
      await settles(e.close(), 5000);
      await ref.close();
    }, 20_000);
  }

  it('a kill while the call is pending, then close() at once: both settle', async () => {
    const e = await createEngine({ threads: 2, parallelMinElements: 0 });
    const w = e.from(fill(new Float32Array(1 << 16), rng(2)));
    executorOf(e).injectFault('exit');
    const call = e.prox(w, l1(0.1), 1).then(() => 'ok', (x: unknown) => x);
    const closing = e.close();
    await settles(Promise.all([call, closing]), 5000);
  }, 20_000);
});
