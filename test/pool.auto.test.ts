// The auto-mode policy, without threads: timings are fed in by hand.
import { describe, expect, it } from 'vitest';
import { autoKey, AutoPolicy, type Mode } from '../src/pool/auto.js';
import type { KernelCall } from '../src/kernels/types.js';

const K = 'prox_l1:float32';

/** Runs `calls` choices of kernel `key` at `work`, recording `ms[mode]` for each; returns the picks. */
function drive(p: AutoPolicy, key: string, work: number, ms: Record<Mode, number>, calls: number): Mode[] {
  const picks: Mode[] = [];
  for (let i = 0; i < calls; i++) {
    const m = p.choose(key, work);
    picks.push(m);
    p.record(key, work, m, ms[m]);
  }
  return picks;
}

describe('AutoPolicy', () => {
  it('runs calls below the threshold inline and, when not adaptive, shards all others', () => {
    const p = new AutoPolicy(1000, false);
    expect(p.choose(K, 0)).toBe('inline');
    expect(p.choose(K, 999)).toBe('inline');
    for (let i = 0; i < 100; i++) expect(p.choose(K, 1000 + i * 1e5)).toBe('sharded');
  });

  it('samples each mode in a run (sharded first), then runs the faster one and tries the other for two calls every explore-th call', () => {
    const p = new AutoPolicy(1000, true, 8);
    const picks = drive(p, K, 5000, { inline: 1, sharded: 1.2 }, 33); // inline is a little faster here
    // Each run's first call is not timed, so a mode runs 4 calls to give 3 timings.
    expect(picks.slice(0, 8)).toEqual(['sharded', 'sharded', 'sharded', 'sharded', 'inline', 'inline', 'inline', 'inline']);
    const explored = picks.flatMap((m, i) => (i >= 8 && m === 'sharded' ? [i + 1] : []));
    expect(explored).toEqual([16, 17, 24, 25, 32, 33]); // calls 16, 24, 32 explore, each for a run of two
  });

  it('does not time the first call after a switch (it pays for the switch: a parked worker, cold caches)', () => {
    const p = new AutoPolicy(1000, true, 8);
    const picks: Mode[] = [];
    let last: Mode | undefined;
    for (let i = 0; i < 40; i++) {
      const m = p.choose(K, 5000);
      picks.push(m);
      // Sharded is 2× faster once running, but every first sharded call after inline ones is 10× slower.
      p.record(K, 5000, m, m === 'inline' ? 2 : last === 'sharded' ? 1 : 20);
      last = m;
    }
    expect(picks.slice(8, 31)).toEqual(new Array(23).fill('sharded')); // until it explores inline at call 32
  });

  it('explores 4× less often when the other mode is 1.5× slower or more', () => {
    const p = new AutoPolicy(1000, true, 8);
    const picks = drive(p, K, 5000, { inline: 1, sharded: 3 }, 65);
    const explored = picks.flatMap((m, i) => (i >= 8 && m === 'sharded' ? [i + 1] : []));
    expect(explored).toEqual([32, 33, 64, 65]); // every 32nd call, a run of two
  });

  it('follows a change: when sharding becomes faster, it switches after exploring', () => {
    const p = new AutoPolicy(1000, true, 4);
    drive(p, K, 5000, { inline: 1, sharded: 3 }, 20);
    const picks = drive(p, K, 5000, { inline: 4, sharded: 1 }, 40);
    expect(picks[0]).toBe('inline'); // it still believed inline was faster
    expect(picks.slice(-8)).toEqual(new Array(8).fill('sharded')); // 4× faster: explored every 16th call
  });

  it('follows a change in the mode it is not running at the first exploration: the run goes on while it beats the other', () => {
    const p = new AutoPolicy(1000, true, 32);
    drive(p, K, 5000, { inline: 1, sharded: 3 }, 40); // settled on inline, sharded 3× slower (explored every 128th call)
    const picks = drive(p, K, 5000, { inline: 1, sharded: 0.5 }, 200); // the other core is free now
    expect(picks.slice(0, 80)).toEqual(new Array(80).fill('inline'));
    // Explored at call 128 (pick 87): its calls beat inline's median, so the run goes on until its
    // median does too. One timing per exploration would have kept inline until call 384.
    expect(picks.slice(100)).toEqual(new Array(100).fill('sharded'));
  });

  it('a call the pool does not time (a worker loop restarted) does not pass the switch cost to the next one', () => {
    // Sharded was timed 3× slower; now it is 2× faster, but the first sharded call after inline ones
    // always waits for a restarted worker loop and is not recorded (the pool skips record()).
    const p = new AutoPolicy(1000, true, 32);
    drive(p, K, 5000, { inline: 1, sharded: 3 }, 40);
    let last: Mode = 'inline', sharded = 0;
    for (let i = 0; i < 2000; i++) {
      const m = p.choose(K, 5000);
      if (m === 'sharded') sharded++;
      if (!(m === 'sharded' && last === 'inline')) p.record(K, 5000, m, m === 'inline' ? 1 : 0.5);
      last = m;
    }
    expect(sharded).toBeGreaterThan(1800); // it had stayed inline (124 of 2000 sharded)
  });

  it('ends the sampling of a mode that never gets timed (calls too far apart for a worker loop to stay up)', () => {
    const p = new AutoPolicy(1000, true, 32);
    const picks: Mode[] = [];
    for (let i = 0; i < 400; i++) {
      const m = p.choose(K, 5000);
      picks.push(m);
      if (m === 'inline') p.record(K, 5000, m, 1); // no sharded call is ever recorded
    }
    expect(picks.slice(0, 30)).toContain('inline'); // after at most 24 calls of sampling
    expect(picks.slice(100).filter((m) => m === 'inline').length).toBeGreaterThan(280); // it had sampled sharded forever
  });

  it('is not swayed by one slow call (the median of the last 9 timings decides)', () => {
    const p = new AutoPolicy(1000, true, 1000);
    drive(p, K, 5000, { inline: 2, sharded: 1 }, 10);
    p.record(K, 5000, 'sharded', 50); // one call that lost its core
    expect(p.choose(K, 5000)).toBe('sharded');
  });

  it('is not decided by one slow sample: a cold sharded call in the first run does not lock in inline', () => {
    const p = new AutoPolicy(1000, true, 1000);
    const ms: Record<Mode, number> = { inline: 2, sharded: 1 };
    p.record(K, 5000, p.choose(K, 5000), 9); // the first dispatch wakes cold threads (not timed)
    p.record(K, 5000, p.choose(K, 5000), 9); // and the second was slow too
    drive(p, K, 5000, ms, 8);
    expect(drive(p, K, 5000, ms, 10)).toEqual(new Array(10).fill('sharded'));
  });

  it('keeps size classes (powers of two of work) apart', () => {
    const p = new AutoPolicy(1000, true, 1000);
    for (let i = 0; i < 8; i++) {
      const m = p.choose(K, 2000);
      p.record(K, 2000, m, m === 'inline' ? 1 : 5);
      const b = p.choose(K, 1 << 20);
      p.record(K, 1 << 20, b, b === 'inline' ? 5 : 1);
    }
    expect(p.choose(K, 2000)).toBe('inline');
    expect(p.choose(K, 1 << 20)).toBe('sharded');
  });

  it('keeps kernels apart: one kernel\'s timings do not decide for another of the same size', () => {
    // A memory-bound pass gains nothing from sharding here; a compute-bound one halves. Their calls
    // interleave, as a training step's do.
    const p = new AutoPolicy(1000, true, 1000);
    const memoryBound: Record<Mode, number> = { inline: 1, sharded: 1.3 };
    const computeBound: Record<Mode, number> = { inline: 3, sharded: 1.6 };
    const picks: Record<string, Mode[]> = { a: [], b: [] };
    for (let i = 0; i < 40; i++) {
      picks.a!.push(...drive(p, 'stats:float32', 1 << 20, memoryBound, 1));
      picks.b!.push(...drive(p, 'adam_step:float32', 1 << 20, computeBound, 1));
    }
    expect(picks.a!.slice(-20)).toEqual(new Array(20).fill('inline'));
    expect(picks.b!.slice(-20)).toEqual(new Array(20).fill('sharded'));
  });

  it('times the radix passes of hist_abs apart (the first counts every element, later ones few), other kernels by name', () => {
    const hist = (shift: number): KernelCall[] => [{ kernel: 'hist_abs', dtype: 'float64', ptrs: [64], n: 1 << 20, scalars: [shift, 11, 0, 0], out: 0 }];
    const prox = (tau: number, dtype: 'float32' | 'float64' = 'float32'): KernelCall[] => [{ kernel: 'prox_l1', dtype, ptrs: [64], n: 1 << 20, scalars: [tau] }];
    expect(autoKey(hist(52))).not.toBe(autoKey(hist(41)));
    expect(autoKey(prox(0.1))).toBe(autoKey(prox(0.2)));
    expect(autoKey(prox(0.1))).not.toBe(autoKey(prox(0.1, 'float64')));
    expect(autoKey([...prox(0.1), ...prox(0.1)])).not.toBe(autoKey(prox(0.1)));
  });
});
