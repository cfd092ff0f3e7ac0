// The benchmark harness's timing helpers, without timing assertions: what they call and when.
import { describe, expect, it } from 'vitest';
import { measure, measureInterleaved } from '../bench/harness.js';

/**
 * An async task that records how many of its calls overlap and whether its setup ran while a call
 * was still working: neither may happen (an engine call queues behind one left running, and a
 * restore under a running in-place call races with it).
 */
function probeTask(name: string) {
  const s = { name, inFlight: 0, maxInFlight: 0, setupDuringCall: 0, calls: 0 };
  return {
    s,
    task: {
      name,
      beforeEach: () => {
        if (s.inFlight > 0) s.setupDuringCall++;
      },
      fn: () => {
        s.calls++;
        s.inFlight++;
        s.maxInFlight = Math.max(s.maxInFlight, s.inFlight);
        return new Promise<void>((resolve) => setTimeout(() => {
          s.inFlight--;
          resolve();
        }, 1));
      },
    },
  };
}

describe('bench harness', () => {
  it('measure() never leaves an async call running while it times or sets up the next', async () => {
    const { s, task } = probeTask('a');
    await measure(task.fn, { quick: true, timeMs: 5, beforeEach: task.beforeEach });
    expect(s.calls).toBeGreaterThan(3);
    expect(s.maxInFlight).toBe(1);
    expect(s.setupDuringCall).toBe(0);
  });

  it('measureInterleaved() times every task in rotated turns, one call at a time', async () => {
    const probes = ['a', 'b', 'c'].map(probeTask);
    const order: string[] = [];
    const tasks = probes.map(({ task }) => ({ ...task, fn: () => (order.push(task.name), task.fn()) }));
    const times = await measureInterleaved(tasks, { quick: true, timeMs: 1, rounds: 3 });
    expect(times).toHaveLength(3);
    for (const t of times) expect(t.p90_ms).toBeGreaterThanOrEqual(t.median_ms);
    for (const { s } of probes) {
      expect(s.maxInFlight).toBe(1);
      expect(s.setupDuringCall).toBe(0);
    }
    // After the warm-up, each round gives every task a turn, starting one task further on.
    const timed = order.join('').replace(/(.)\1+/g, '$1').slice(-9);
    expect(['abcbcacab', 'bcacababc', 'cababcbca']).toContain(timed);
  });
});
