// prune_group_le: zeroes (+0) each consecutive group whose norm key (bits of ‖x_g‖₂ as f64, the
// value group_norms writes) is ≤ B = hi·2³² + lo. Group pruning runs it over the groups before the
// cut with B = K and after it with B = K − 1, so ties go by group index.
import { sumSquares } from '../common';
import { keyOf } from '../keys';

// @ts-ignore: decorator
@inline function pruneGroupLe<T>(p: usize, n: i32, groupSize: f64, bHi: f64, bLo: f64): void {
  const gs = <i32>groupSize;
  if (gs <= 0) return;
  const b = keyOf(bHi, bLo);
  const bytes = <usize>gs * sizeof<T>();
  for (let i = 0; i + gs <= n; i += gs) {
    const norm = Math.sqrt(sumSquares<T>(p, gs));
    const key = reinterpret<i64>(norm) & 0x7fffffffffffffff;
    if (key <= b) memory.fill(p, 0, bytes);
    p += bytes;
  }
}

export function prune_group_le_f32(x: usize, n: i32, groupSize: f64, bHi: f64, bLo: f64): void { pruneGroupLe<f32>(x, n, groupSize, bHi, bLo); }
export function prune_group_le_f64(x: usize, n: i32, groupSize: f64, bHi: f64, bLo: f64): void { pruneGroupLe<f64>(x, n, groupSize, bHi, bLo); }
