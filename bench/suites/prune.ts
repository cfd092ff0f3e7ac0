// Pruning on a multi-thread engine against inline: the radix select's fork/join-heavy passes
// (a histogram pass per digit, then a count and a search), timed in the three ways a call can run
// (inline on a one-thread engine, always sharded, auto mode), interleaved, all through the async
// verb, so `--suite prune` answers "is parallel prune ever slower than inline" quickly. Ops are
// named apart from the kernels suite's (prune-pool, prune-pool/group): report tables key rows by op.
import { createEngine } from '../../src/engine/create.js';
import type { Engine } from '../../src/engine/engine.js';
import type { FloatArray } from '../../src/dtype.js';
import { measureInterleaved, row, type Row, type Suite } from '../harness.js';
import { bytesPer, sourceArray, sizeLabel } from './common.js';
import { logAutoVerdict, MODES } from './pool.js';

/** Group size of the group rows (the kernels suite's). */
const GROUP = 64;

const OPS = [
  { op: 'prune-pool', options: { fraction: 0.5 } },
  { op: 'prune-pool/group', options: { fraction: 0.5, groupSize: GROUP } },
];

export const pruneSuite: Suite = {
  name: 'prune',
  async run(ctx) {
    const rows: Row[] = [];
    for (const threads of ctx.threads.filter((t) => t > 1)) {
      const start = rows.length;
      const modes: [string, Engine][] = [];
      for (const [impl, o] of MODES) modes.push([impl, await createEngine({ threads, ...o })]);
      try {
        for (const dtype of ['float32', 'float64'] as const) {
          for (const n of ctx.sizes) {
            const src = sourceArray(dtype, n, 12345);
            const ws: FloatArray[] = modes.map(([, e]) => e.from(src, dtype));
            try {
              for (const { op, options } of OPS) {
                if (n % GROUP !== 0 && options.groupSize) continue;
                // Restored before every sample: a second prune of the same array has nothing to do.
                const times = await measureInterleaved(
                  modes.map(([impl, e], m) => ({ name: impl, fn: () => e.prune(ws[m]!, options), beforeEach: () => ws[m]!.set(src as never) })),
                  { quick: ctx.quick },
                );
                const line = modes.map(([impl], m) => {
                  rows.push(row({ op, dtype, n, impl, threads: impl === 'wasm' ? 1 : threads }, times[m]!, 2 * n * bytesPer(dtype)));
                  return `${impl} ${times[m]!.median_ms.toPrecision(3)} ms`;
                });
                const best = Math.min(times[0]!.median_ms, times[1]!.median_ms);
                ctx.log(`${op} ${dtype} n=${sizeLabel(n)} threads=${threads}: ${line.join(', ')}; auto / inline ${(times[2]!.median_ms / times[0]!.median_ms).toFixed(2)}, auto / faster ${(times[2]!.median_ms / best).toFixed(2)}`);
              }
            } finally {
              modes.forEach(([, e], m) => e.free(ws[m]!));
            }
          }
        }
      } finally {
        for (const [, e] of modes) await e.close();
      }
      logAutoVerdict(rows.slice(start), ctx.log);
    }
    return rows;
  },
};
