// Which arguments of one call may share memory: the very same array (same bytes, same dtype) when a
// single elementwise kernel call reads and writes it (g += ∇R(g), an optimizer's θ = g); nothing
// else. A partial overlap with an argument that is written makes the result depend on the order in
// which shards run, so it is refused before anything runs.
import { ShrinkageError } from '../errors.js';

/** One argument's bytes: `key` names the memory (engine memory, or a user's ArrayBuffer). */
export interface Span {
  key: unknown;
  start: number;
  end: number;
  name: string;
  writes: boolean;
  /** Arguments of one elementwise kernel call share a unit; only they may be the very same array. */
  unit: number;
  dtype: string;
}

const same = (a: Span, b: Span) => a.start === b.start && a.end === b.end && a.dtype === b.dtype && a.unit === b.unit;

/** Throws E_RANGE naming both arguments when two spans overlap in a way no kernel allows. */
export function checkOverlaps(spans: Span[]): void {
  if (spans.length < 2) return;
  const byKey = new Map<unknown, Span[]>();
  for (const s of spans) {
    if (s.end <= s.start) continue; // empty: shares no byte
    const list = byKey.get(s.key);
    if (list) list.push(s);
    else byKey.set(s.key, [s]);
  }
  for (const list of byKey.values()) {
    list.sort((a, b) => a.start - b.start);
    let active: Span[] = [];
    for (const s of list) {
      active = active.filter((a) => a.end > s.start);
      for (const a of active)
        if ((a.writes || s.writes) && !same(a, s))
          throw new ShrinkageError(
            'E_RANGE',
            `${s.name} and ${a.name} overlap in memory (bytes ${Math.max(a.start, s.start)}..${Math.min(a.end, s.end)}) and one of them is written: ` +
              'pass arrays that do not overlap (an in-place call may pass the very same array twice where documented)',
          );
      active.push(s);
    }
  }
}
