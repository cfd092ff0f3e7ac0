// Auto mode: whether a call runs inline or sharded. Below the threshold (work = Σ n · cost from the
// registry) always inline. Above it, the executor times both modes per size class (powers of two of
// work) and runs the faster one, trying the other one every `explore` calls, because the right
// answer depends on what else the machine's cores are doing. Results are bitwise the same either way.

export type Mode = 'inline' | 'sharded';

interface SizeClass {
  calls: number;
  /** Smoothed ms per unit of work in each mode (undefined until measured). */
  inline?: number;
  sharded?: number;
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
    if (c.sharded === undefined) return 'sharded';
    if (c.inline === undefined) return 'inline';
    const best: Mode = c.sharded <= c.inline ? 'sharded' : 'inline';
    if (c.calls % this.explore === 0) return best === 'sharded' ? 'inline' : 'sharded';
    return best;
  }

  /** Records that a call of `work` took `ms` in `mode`. */
  record(work: number, mode: Mode, ms: number): void {
    if (!this.adaptive || work < this.minWork || work === 0) return;
    const c = this.classOf(work);
    const v = ms / work;
    const old = c[mode];
    c[mode] = old === undefined ? v : old * 0.75 + v * 0.25;
  }

  private classOf(work: number): SizeClass {
    const key = Math.floor(Math.log2(work));
    let c = this.classes.get(key);
    if (!c) this.classes.set(key, (c = { calls: 0 }));
    return c;
  }
}
