// Covariance-mode coordinate descent, dense column-major X: Gram columns for K variables entering
// the active set, G[slot_k·cols + j] = x_jᵀx_k / rows for the call's columns j (kcols/kslots: the
// new variables' columns and Gram slots). Shards by j (X, slot and G advance with j; the bases of X
// and G, xall and gall, are shared). Two savings:
// - symmetry: a column j that got its Gram slot before this batch (0 ≤ slot_j < first) already
//   holds G[k, j] = G[j, k] in its own Gram column: it is copied, not recomputed;
// - cache blocking: rows are taken in chunks of CHUNK, so the K new columns' chunks stay in cache
//   while every j streams past them (blocks of 2 j × 4 k share their loads).
// Each dot product sums, per chunk, lane 0 (even rows) + lane 1 (odd rows) of one f64x2
// accumulator, adds the chunks in order, then the last row when rows is odd, then scales by invN:
// the same order whatever block or shard computes it (the plain-JS twin repeats it bitwise).
import { load2 } from './linear-dot';

/** Rows per cache chunk (even): 16 new columns × 1024 rows × 8 bytes stay in L2. */
const CHUNK: i32 = 1024;

// @ts-ignore: decorator
@inline function lanes(v: v128): f64 {
  return f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1);
}

/** The first j ≥ from (below n) whose Gram entries are computed, not copied; n if none. */
// @ts-ignore: decorator
@inline function nextComputed(slot: usize, from: i32, n: i32, first: i32): i32 {
  let j = from;
  while (j < n) {
    const s = load<i32>(slot + (<usize>j << 2));
    if (s < 0 || s >= first) break;
    j++;
  }
  return j;
}

/** G entry (slot of new variable q, column j). */
// @ts-ignore: decorator
@inline function entry(g: usize, kslots: usize, q: i32, d: usize, j: i32): usize {
  return g + ((<usize>load<i32>(kslots + (<usize>q << 2)) * d + <usize>j) << 3);
}

// @ts-ignore: decorator
@inline function cdGramDense<T>(x: usize, xall: usize, kcols: usize, kslots: usize, slot: usize, g: usize, gall: usize, n: i32, rows: f64, cols: f64, K: f64, first: f64, invN: f64): void {
  const nr = <i32>rows, d = <usize>(<i32>cols), nk = <i32>K, f = <i32>first;
  const colBytes = <usize>nr * sizeof<T>();
  // Copies from earlier Gram columns, zeros where sums accumulate.
  for (let j = 0; j < n; j++) {
    const s = load<i32>(slot + (<usize>j << 2));
    for (let q = 0; q < nk; q++) {
      const v = s >= 0 && s < f ? load<f64>(gall + ((<usize>s * d + <usize>load<i32>(kcols + (<usize>q << 2))) << 3)) : 0;
      store<f64>(entry(g, kslots, q, d, j), v);
    }
  }
  const even = nr & ~1;
  for (let i0 = 0; i0 < even; i0 += CHUNK) {
    const pairs = min(CHUNK, even - i0) >> 1;
    const off = <usize>i0 * sizeof<T>();
    let ja = nextComputed(slot, 0, n, f);
    while (ja < n) {
      const jb = nextComputed(slot, ja + 1, n, f);
      const xa = x + <usize>ja * colBytes + off;
      if (jb < n) {
        const xb = x + <usize>jb * colBytes + off;
        let q = 0;
        for (; q + 4 <= nk; q += 4) {
          const c0 = xall + <usize>load<i32>(kcols + (<usize>q << 2)) * colBytes + off;
          const c1 = xall + <usize>load<i32>(kcols + (<usize>q << 2), 4) * colBytes + off;
          const c2 = xall + <usize>load<i32>(kcols + (<usize>q << 2), 8) * colBytes + off;
          const c3 = xall + <usize>load<i32>(kcols + (<usize>q << 2), 12) * colBytes + off;
          let a0 = f64x2.splat(0), a1 = a0, a2 = a0, a3 = a0, b0 = a0, b1 = a0, b2 = a0, b3 = a0;
          for (let i = 0, o: usize = 0; i < pairs; i++, o += 2 * sizeof<T>()) {
            const va = load2<T>(xa + o, 0), vb = load2<T>(xb + o, 0);
            const k0 = load2<T>(c0 + o, 0), k1 = load2<T>(c1 + o, 0), k2 = load2<T>(c2 + o, 0), k3 = load2<T>(c3 + o, 0);
            a0 = f64x2.add(a0, f64x2.mul(va, k0)); b0 = f64x2.add(b0, f64x2.mul(vb, k0));
            a1 = f64x2.add(a1, f64x2.mul(va, k1)); b1 = f64x2.add(b1, f64x2.mul(vb, k1));
            a2 = f64x2.add(a2, f64x2.mul(va, k2)); b2 = f64x2.add(b2, f64x2.mul(vb, k2));
            a3 = f64x2.add(a3, f64x2.mul(va, k3)); b3 = f64x2.add(b3, f64x2.mul(vb, k3));
          }
          accumulate(entry(g, kslots, q, d, ja), lanes(a0));
          accumulate(entry(g, kslots, q + 1, d, ja), lanes(a1));
          accumulate(entry(g, kslots, q + 2, d, ja), lanes(a2));
          accumulate(entry(g, kslots, q + 3, d, ja), lanes(a3));
          accumulate(entry(g, kslots, q, d, jb), lanes(b0));
          accumulate(entry(g, kslots, q + 1, d, jb), lanes(b1));
          accumulate(entry(g, kslots, q + 2, d, jb), lanes(b2));
          accumulate(entry(g, kslots, q + 3, d, jb), lanes(b3));
        }
        for (; q < nk; q++) {
          const c = xall + <usize>load<i32>(kcols + (<usize>q << 2)) * colBytes + off;
          accumulate(entry(g, kslots, q, d, ja), chunkDot<T>(xa, c, pairs));
          accumulate(entry(g, kslots, q, d, jb), chunkDot<T>(xb, c, pairs));
        }
        ja = nextComputed(slot, jb + 1, n, f);
      } else {
        for (let q = 0; q < nk; q++) {
          const c = xall + <usize>load<i32>(kcols + (<usize>q << 2)) * colBytes + off;
          accumulate(entry(g, kslots, q, d, ja), chunkDot<T>(xa, c, pairs));
        }
        ja = n;
      }
    }
  }
  // The last row when rows is odd, then the scale, for the computed entries.
  const last = <usize>(nr - 1) * sizeof<T>();
  for (let j = nextComputed(slot, 0, n, f); j < n; j = nextComputed(slot, j + 1, n, f)) {
    for (let q = 0; q < nk; q++) {
      const p = entry(g, kslots, q, d, j);
      let v = load<f64>(p);
      if (nr & 1) v += <f64>load<T>(x + <usize>j * colBytes + last) * <f64>load<T>(xall + <usize>load<i32>(kcols + (<usize>q << 2)) * colBytes + last);
      store<f64>(p, v * invN);
    }
  }
}

/** Σ over `pairs` row pairs of a·b as lane 0 + lane 1 of one f64x2 accumulator. */
// @ts-ignore: decorator
@inline function chunkDot<T>(a: usize, b: usize, pairs: i32): f64 {
  let acc = f64x2.splat(0);
  for (let i = 0; i < pairs; i++) {
    acc = f64x2.add(acc, f64x2.mul(load2<T>(a, 0), load2<T>(b, 0)));
    a += 2 * sizeof<T>();
    b += 2 * sizeof<T>();
  }
  return lanes(acc);
}

// @ts-ignore: decorator
@inline function accumulate(p: usize, v: f64): void {
  store<f64>(p, load<f64>(p) + v);
}

export function cd_gram_dense_f32(x: usize, xall: usize, kcols: usize, kslots: usize, slot: usize, g: usize, gall: usize, n: i32, rows: f64, cols: f64, K: f64, cap: f64, first: f64, invN: f64): void { cdGramDense<f32>(x, xall, kcols, kslots, slot, g, gall, n, rows, cols, K, first, invN); }
export function cd_gram_dense_f64(x: usize, xall: usize, kcols: usize, kslots: usize, slot: usize, g: usize, gall: usize, n: i32, rows: f64, cols: f64, K: f64, cap: f64, first: f64, invN: f64): void { cdGramDense<f64>(x, xall, kcols, kslots, slot, g, gall, n, rows, cols, K, first, invN); }
