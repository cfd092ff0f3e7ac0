// Auto mode: whether a call runs inline or sharded. Below the threshold (work = Σ n · cost from the
// registry) always inline. Above it, the executor times both modes per kernel and size class
// (powers of two of work) and runs the one with the smaller median of its last 9 timings, trying
// the other one every `explore` calls, because the right answer depends on what else the machine's
// cores are doing. Results are bitwise the same either way.
//
// Classes are kept per kernel (and dtype), not only per size: kernels of equal work differ in how
// much sharding gains (a memory-bound pass saturates the shared bandwidth, a compute-bound one
// scales with the cores), so one kernel's timings must not decide for another.
//
// A mode is always run at least twice in a row, and the first call after a switch is not timed: it
// pays for the switch (a worker parked for milliseconds wakes slowly on a VM, whose idle virtual
// CPU the host has descheduled; the data sits in the other core's cache), which the calls after
// it do not. Timing it made sharding look 80–120 µs slower than it runs (1M–4M f32 on the 2-core
// VM), and auto mode then kept inline where sharding was 1.2× faster.

import { workOf } from '../kernels/layout.js';
import { kernel } from '../kernels/registry.js';
import type { KernelCall } from '../kernels/types.js';

export type Mode = 'inline' | 'sharded';

interface SizeClass {
  calls: number;
  /** The mode of the class's last call, and how many more calls run it before the policy decides again. */
  mode: Mode | undefined;
  /** Calls so far in the current run of `mode` (1: the call that switched to it, not timed). */
  run: number;
  /** The current run of `mode` has recorded a timing. */
  fresh: boolean;
  /** The last WINDOW timings (ms per unit of work) in each mode, newest last. */
  inline: number[];
  sharded: number[];
}

/**
 * Timings kept per mode: their median ignores calls that lost their core for a time slice. With 5,
 * two slow calls in a window were enough to flip a class whose modes differ by 1.2–1.3× on the
 * 2-core VM (addPenaltyGrad l1 at 1M ran inline in a third of its calls, 1.17× the sharded time).
 */
const WINDOW = 9;
/** A mode this many times slower than the other is explored 4× less often. */
const CLEAR_GAP = 1.5;
/** Timings of each mode a class collects (sharded first, then inline) before it decides by the medians. */
const MIN_SAMPLES = 3;
/** Calls a mode runs in a row once switched to (the first of them is not timed). */
const RUN = 2;
/** Calls a run may take to get a timing (see choose()). */
const MAX_RUN = 4;
/** Calls of a class that may go to sampling both modes (8 when every call is timed). */
const MAX_SAMPLING = 24;

const scratch = new Float64Array(WINDOW);

/** Median of 1 to WINDOW timings (insertion sort into a scratch array: no allocation per call). */
function median(xs: readonly number[]): number {
  const n = xs.length;
  for (let i = 0; i < n; i++) {
    const x = xs[i]!;
    let j = i;
    for (; j > 0 && scratch[j - 1]! > x; j--) scratch[j] = scratch[j - 1]!;
    scratch[j] = x;
  }
  return n % 2 === 1 ? scratch[n >> 1]! : (scratch[(n >> 1) - 1]! + scratch[n >> 1]!) / 2;
}

export class AutoPolicy {
  /** Per key, the size classes by log2 of work. */
  private readonly classes = new Map<string, SizeClass[]>();

  /**
   * @param minWork calls with less work run inline, always
   * @param adaptive false = every call at or above minWork is sharded (an explicit parallelMinElements)
   * @param explore every explore-th call of a size class runs the mode that looks slower (every
   *   4·explore-th when it looks 1.5× slower or more)
   */
  constructor(readonly minWork: number, readonly adaptive: boolean, readonly explore = 32) {}

  /** The mode for a call (or batch) of `work`; `key` names what it runs (kernel and dtype). */
  choose(key: string, work: number): Mode {
    if (work === 0 || work < this.minWork) return 'inline';
    if (!this.adaptive) return 'sharded';
    const c = this.classOf(key, work);
    c.calls++;
    // A run goes on for RUN calls, and further (up to MAX_RUN) until one of its calls was timed: the
    // pool does not time a call that waited for a worker loop to restart, and a run without a timing
    // would leave its mode's timings as they were.
    if (c.mode !== undefined && (c.run < RUN || (!c.fresh && c.run < MAX_RUN))) {
      c.run++;
      return c.mode;
    }
    const mode = this.want(c);
    if (mode !== c.mode) {
      c.mode = mode;
      c.run = 1;
      c.fresh = false;
    }
    return mode;
  }

  /** The mode a class's next call should run, when it is not in the middle of a run. */
  private want(c: SizeClass): Mode {
    // Sample both modes first (sharded first: a cold first dispatch is one sample of several), for at
    // most MAX_SAMPLING calls: where calls are too far apart for a worker loop to stay up, no sharded
    // call is ever timed, and a mode without timings then only comes up when it is explored.
    if (c.calls <= MAX_SAMPLING) {
      if (c.sharded.length < MIN_SAMPLES) return 'sharded';
      if (c.inline.length < MIN_SAMPLES) return 'inline';
    }
    const s = c.sharded.length ? median(c.sharded) : Infinity, i = c.inline.length ? median(c.inline) : Infinity;
    const best: Mode = s < i || (s === i && c.sharded.length > 0) ? 'sharded' : 'inline';
    // A run of the mode that looks slower goes on while its calls beat the other mode's median: its
    // own timings may be stale (the machine changed since), and with one new timing per exploration
    // it would take 3 explorations (up to 384 calls) for its median to show the change.
    const other = c.mode === 'sharded' ? i : s;
    if (c.mode !== undefined && c.mode !== best && c.fresh && c[c.mode].at(-1)! < other) return c.mode;
    // Exploring costs the gap between the modes: where it is wide (the other mode 1.5× slower or
    // more), look 4× less often; a close call is looked at every `explore` calls.
    const every = Math.max(s, i) >= CLEAR_GAP * Math.min(s, i) ? 4 * this.explore : this.explore;
    if (c.calls % every === 0) return best === 'sharded' ? 'inline' : 'sharded';
    return best;
  }

  /** Records that a call of `key` and `work` took `ms` in `mode` (not the first call after a switch). */
  record(key: string, work: number, mode: Mode, ms: number): void {
    if (!this.adaptive || work < this.minWork || work === 0) return;
    const c = this.classOf(key, work);
    // Only the first call of a run pays for the switch (and only it has run = 1).
    if (c.run === 1) return;
    const times = c[mode];
    times.push(ms / work);
    if (times.length > WINDOW) times.shift();
    if (mode === c.mode) c.fresh = true;
  }

  private classOf(key: string, work: number): SizeClass {
    let byKey = this.classes.get(key);
    if (!byKey) this.classes.set(key, (byKey = []));
    const k = Math.floor(Math.log2(work));
    return (byKey[k] ??= { calls: 0, mode: undefined, run: 0, fresh: false, inline: [], sharded: [] });
  }
}

/**
 * What auto mode times a batch as: its first kernel and dtype (and the batch size, for batches;
 * the kernel's autoClass, where it has one). A single float32 call of a kernel without autoClass,
 * the common case, is keyed by the kernel name alone (no string is built).
 */
export function autoKey(calls: readonly KernelCall[]): string {
  const c = calls[0]!;
  const of = kernel(c.kernel).autoClass;
  const name = of ? `${c.kernel}#${of(c.scalars)}` : c.kernel;
  if (calls.length === 1) return c.dtype === 'float32' ? name : `${name}:f64`;
  return `${name}:${c.dtype}×${calls.length}`;
}

/** Work of a batch (the inline/sharded threshold and the chunk count are in these units). */
export function batchWork(calls: readonly KernelCall[]): number {
  let work = 0;
  for (const c of calls) work += workOf(kernel(c.kernel), c);
  return work;
}
