// Exact selection of the k-th smallest magnitude as a sequence of shardable kernel calls (radix
// select over the bits of |x|), and the cut that breaks ties by index order. Used by pruning.
import { bytesOf } from '../dtype.js';
import { HIST_SLOT_WORDS, radixPasses } from '../kernels/defs/hist-abs.js';
import { splitKey } from '../kernels/keys.js';
import { BLOCK } from '../kernels/layout.js';
import type { Plan } from '../kernels/types.js';
import { kernelCall } from './calls.js';
import type { PlanContext } from './plan-context.js';
import type { Bound } from './tensor.js';

/** The k-th smallest magnitude key of x and where its ties stop being selected. */
export interface Selection {
  /** The key (bits of |x| as an integer) of the k-th smallest element. */
  key: bigint;
  /** Index one past the last selected element with key = `key` (ties go to the lowest indices). */
  cut: number;
}

/**
 * Selects the k-th smallest key (1 ≤ k ≤ n) by radix select: each pass histograms one digit of the
 * keys that share the prefix found so far ('shard' partials: per-shard counts, summed exactly),
 * then per-block counts of the selected key locate the block of the m-th tie and one single-block
 * call finds its index. Every call is elementwise or per block, so a pool may shard any of them.
 */
export function* selectPlan(ctx: PlanContext, x: Bound, k: number): Plan<Selection> {
  let prefix = 0n, rank = k;
  // One u32 histogram slot per piece the call may be cut into, reused by every pass, not zeroed:
  // each piece zeroes and fills its own slot (its counts in the first 2^width words), and only the
  // slots of the pieces that ran are read.
  const slots = ctx.shardSlots('hist_abs', x.n);
  const h = ctx.scratch((slots * HIST_SLOT_WORDS) / 2, false);
  const hist = new Uint32Array(h.view.buffer, h.view.byteOffset, slots * HIST_SLOT_WORDS);
  for (const [shift, width] of radixPasses(x.dtype)) {
    const [prefHi, prefLo] = splitKey(prefix);
    yield kernelCall('hist_abs', [x], { shift, width, prefHi, prefLo }, h.ptr);
    const end = ctx.lastPieces() * HIST_SLOT_WORDS;
    let before = 0, digit = -1;
    for (let b = 0; b < 1 << width; b++) {
      let c = hist[b]!;
      for (let s = b + HIST_SLOT_WORDS; s < end; s += HIST_SLOT_WORDS) c += hist[s]!; // other pieces
      if (before + c >= rank) {
        digit = b;
        break;
      }
      before += c;
    }
    if (digit < 0) throw new Error(`selection lost rank ${rank} at shift ${shift} (internal error)`);
    rank -= before;
    prefix = (prefix << BigInt(width)) | BigInt(digit);
  }
  // `rank` ties of `prefix` are selected: find the index of the rank-th one.
  const [kHi, kLo] = splitKey(prefix);
  const blocks = Math.ceil(x.n / BLOCK);
  const counts = ctx.scratch(blocks);
  yield kernelCall('count_key', [x], { kHi, kLo }, counts.ptr);
  let b = 0, m = rank;
  while (b < blocks && counts.view[b]! < m) m -= counts.view[b++]!;
  if (b === blocks) throw new Error('selection lost its ties (internal error)');
  const start = b * BLOCK;
  const at = ctx.scratch(1);
  const block = { ptr: x.ptr + start * bytesOf(x.dtype), n: Math.min(BLOCK, x.n - start), dtype: x.dtype };
  yield kernelCall('nth_key', [block], { kHi, kLo, m }, at.ptr);
  return { key: prefix, cut: start + at.view[0]! + 1 };
}
