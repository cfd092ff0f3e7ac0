// The auto-mode policy, without threads: timings are fed in by hand.
import { describe, expect, it } from 'vitest';
import { AutoPolicy, type Mode } from '../src/pool/auto.js';

describe('AutoPolicy', () => {
  it('runs calls below the threshold inline and, when not adaptive, shards all others', () => {
    const p = new AutoPolicy(1000, false);
    expect(p.choose(0)).toBe('inline');
    expect(p.choose(999)).toBe('inline');
    for (let i = 0; i < 100; i++) expect(p.choose(1000 + i * 1e5)).toBe('sharded');
  });

  it('measures both modes, then runs the faster one and tries the other every explore-th call', () => {
    const p = new AutoPolicy(1000, true, 8);
    const ms: Record<Mode, number> = { inline: 1, sharded: 3 }; // inline is faster here
    const picks: Mode[] = [];
    for (let i = 0; i < 32; i++) {
      const m = p.choose(5000);
      picks.push(m);
      p.record(5000, m, ms[m]);
    }
    expect(picks.slice(0, 2)).toEqual(['sharded', 'inline']);
    const later = picks.slice(2);
    expect(later.filter((m) => m === 'sharded').length).toBe(4); // calls 8, 16, 24, 32 explore
    expect(later.filter((m) => m === 'inline').length).toBe(26);
  });

  it('follows a change: when sharding becomes faster, it switches after exploring', () => {
    const p = new AutoPolicy(1000, true, 4);
    let ms: Record<Mode, number> = { inline: 1, sharded: 3 };
    for (let i = 0; i < 20; i++) {
      const m = p.choose(5000);
      p.record(5000, m, ms[m]);
    }
    ms = { inline: 4, sharded: 1 };
    const picks: Mode[] = [];
    for (let i = 0; i < 40; i++) {
      const m = p.choose(5000);
      picks.push(m);
      p.record(5000, m, ms[m]);
    }
    expect(picks[0]).toBe('inline'); // it still believed inline was faster
    expect(picks.slice(-8).filter((m) => m === 'sharded').length).toBe(6); // the other 2 explore
  });

  it('is not swayed by one slow call (the median of the last 5 timings decides)', () => {
    const p = new AutoPolicy(1000, true, 1000);
    const ms: Record<Mode, number> = { inline: 2, sharded: 1 };
    for (let i = 0; i < 10; i++) {
      const m = p.choose(5000);
      p.record(5000, m, ms[m]);
    }
    p.record(5000, 'sharded', 50); // one call that lost its core
    expect(p.choose(5000)).toBe('sharded');
  });

  it('keeps size classes (powers of two of work) apart', () => {
    const p = new AutoPolicy(1000, true, 1000);
    for (let i = 0; i < 4; i++) {
      const m = p.choose(2000);
      p.record(2000, m, m === 'inline' ? 1 : 5);
      const b = p.choose(1 << 20);
      p.record(1 << 20, b, b === 'inline' ? 5 : 1);
    }
    expect(p.choose(2000)).toBe('inline');
    expect(p.choose(1 << 20)).toBe('sharded');
  });
});
