// Auto mode: whether a call runs inline or sharded. Below the threshold (work = Σ n · cost from the
// registry) always inline. Above it, the executor times both modes per size class (powers of two of
// work) and runs the one with the smaller median of its last 5 timings, trying the other one every
// `explore` calls, because the right answer depends on what else the machine's cores are doing.
// Results are bitwise the same either way.

export type Mode = 'inline' | 'sharded';

interface SizeClass {
  calls: number;
  /** The last WINDOW timings (ms per unit of work) in each mode, newest last. */
  inline: number[];
  sharded: number[];
}

/** Timings kept per mode: their median ignores a call that lost its core for a time slice. */
const WINDOW = 5;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

export class AutoPolicy {
  private readonly classes = new Map<number, SizeClass>();

  /**
   * @param minWork calls with less work run inline, always
   * @param adaptive false = every call at or above minWork is sharded (an explicit parallelMinElements)
   * @param explore every explore-th call of a size class runs the mode that looks slower
   */
  constructor(readonly minWork: number, readonly adaptive: boolean, readonly explore = 32) {}

  choose(work: number): Mode {
    if (work === 0 || work < this.minWork) return 'inline';
    if (!this.adaptive) return 'sharded';
    const c = this.classOf(work);
    c.calls++;
    if (c.sharded.length === 0) return 'sharded';
    if (c.inline.length === 0) return 'inline';
    const best: Mode = median(c.sharded) <= median(c.inline) ? 'sharded' : 'inline';
    if (c.calls % this.explore === 0) return best === 'sharded' ? 'inline' : 'sharded';
    return best;
  }

  /** Records that a call of `work` took `ms` in `mode`. */
  record(work: number, mode: Mode, ms: number): void {
    if (!this.adaptive || work < this.minWork || work === 0) return;
    const times = this.classOf(work)[mode];
    times.push(ms / work);
    if (times.length > WINDOW) times.shift();
  }

  private classOf(work: number): SizeClass {
    const key = Math.floor(Math.log2(work));
    let c = this.classes.get(key);
    if (!c) this.classes.set(key, (c = { calls: 0, inline: [], sharded: [] }));
    return c;
  }
}
