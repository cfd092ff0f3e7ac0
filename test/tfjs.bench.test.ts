// The tfjs benchmark suite runs (quick mode) and gives one row per (op, impl) on both backends:
// shrinkage/tfjs against tf.train.adam (and the decay op + Adam for adamw_step). No timing is checked.
import { describe, expect, it } from 'vitest';
import { tfjsSuite } from '../bench/suites/tfjs.js';

describe('bench suite tfjs', () => {
  it('quick run: adam_step and adamw_step for shrinkage/tfjs and tfjs on the wasm and cpu backends', async () => {
    const lines: string[] = [];
    const rows = await tfjsSuite.run({ sizes: [4096], threads: [1], quick: true, log: (l) => lines.push(l) });
    const keys = rows.map((r) => `${r.op} ${r.impl}`).sort();
    const want = ['wasm', 'cpu'].flatMap((b) => ['adam_step', 'adamw_step'].flatMap((op) => [`${op} shrinkage-tfjs-${b}`, `${op} tfjs-${b}`])).sort();
    expect(keys, lines.join('\n')).toEqual(want);
    for (const r of rows) {
      expect(r).toMatchObject({ dtype: 'float32', n: 4096, threads: 1 });
      expect(r.median_ms).toBeGreaterThan(0);
    }
  }, 120_000);
});
