// The Newton polish's Cholesky factor kept between polishes (newton.ts). Building the support's
// Hessian is the polish's dominant cost (Σ_i |row_i ∩ S|² per build), yet consecutive polishes (KKT
// rounds of one λ, steps after a coordinate leaves) mostly see the same support. So the factor L in
// H stays valid with the list of columns it belongs to: a coordinate that leaves is removed from L by
// a rank-1 update (O(M²)), one that enters is appended as a new row of L from one weighted gradient
// over the support (O(nnz_S + M²)). The kept part is from an earlier point's weights, an
// approximation like the factor the polish already reuses across its steps: a poor step rebuilds it.

/** What H holds: the Cholesky factor of the Hessian of `cols` (intercept at position `bpos`). */
export class SupportFactor {
  /** False when H holds nothing reusable. */
  valid = false;
  /** The factor's design columns in factor order, the intercept left out. */
  cols: number[] = [];
  /** The intercept's position in the factor (−1 without an intercept). */
  bpos = -1;
  /** λ₂ of the factored Hessian (2λ₂ is on its diagonal). */
  l2 = NaN;

  /** The factor's order M (columns plus intercept). */
  get size(): number {
    return this.cols.length + (this.bpos >= 0 ? 1 : 0);
  }

  /** Records a fresh factor of the support `list` followed by the intercept. */
  record(list: ArrayLike<number>, s: number, intercept: boolean, l2: number): void {
    this.cols = Array.from({ length: s }, (_, k) => list[k]!);
    this.bpos = intercept ? s : -1;
    this.l2 = l2;
    this.valid = true;
  }

  /** The factor position of the k-th column. */
  pos(k: number): number {
    return this.bpos >= 0 && k >= this.bpos ? k + 1 : k;
  }

  /** Reorders x (columns in `cols` order, then the intercept at index s) into factor order, in place. */
  toFactor(x: Float64Array): void {
    const s = this.cols.length;
    if (this.bpos < 0 || this.bpos === s) return;
    const b = x[s]!;
    x.copyWithin(this.bpos + 1, this.bpos, s);
    x[this.bpos] = b;
  }

  /** The inverse of toFactor. */
  fromFactor(x: Float64Array): void {
    const s = this.cols.length;
    if (this.bpos < 0 || this.bpos === s) return;
    const b = x[this.bpos]!;
    x.copyWithin(this.bpos, this.bpos + 1, s + 1);
    x[s] = b;
  }

  /**
   * Removes the columns at the given indices of `cols` (ascending) from L (row-major, stride M):
   * each removal is a rank-1 update of the trailing factor by Givens rotations, then the rows are
   * packed to the new stride.
   */
  remove(L: Float64Array, drop: readonly number[]): void {
    if (drop.length === 0) return;
    const M = this.size, dead = new Uint8Array(M);
    for (const k of drop) dead[this.pos(k)] = 1;
    const cos = new Float64Array(M), sin = new Float64Array(M);
    for (let p = 0; p < M; p++) {
      if (!dead[p]) continue;
      // L₃₃L₃₃ᵀ + l lᵀ with l = L[p+1:, p]; positions removed earlier are below p and not touched.
      // Row by row (contiguous): row i applies the rotations of the rows above it to (L_ik, l_i),
      // then makes its own from its diagonal.
      for (let i = p + 1; i < M; i++) {
        const row = i * M;
        let x = L[row + p]!;
        for (let k = p + 1; k < i; k++) {
          const lik = (L[row + k]! + sin[k]! * x) / cos[k]!;
          L[row + k] = lik;
          x = cos[k]! * x - sin[k]! * lik;
        }
        const lii = L[row + i]!, r = Math.sqrt(lii * lii + x * x);
        cos[i] = r / lii;
        sin[i] = x / lii;
        L[row + i] = r;
      }
    }
    // Pack the surviving rows and columns to stride M' (each entry moves to an earlier offset).
    const Mn = M - drop.length;
    for (let i = 0, ni = 0; i < M; i++) {
      if (dead[i]) continue;
      for (let j = 0, nj = 0; j <= i; j++) if (!dead[j]) L[ni * Mn + nj++] = L[i * M + j]!;
      ni++;
    }
    let bpos = this.bpos;
    if (bpos >= 0) for (const k of drop) if (this.pos(k) < this.bpos) bpos--;
    const gone = new Set(drop);
    this.cols = this.cols.filter((_, k) => !gone.has(k));
    this.bpos = bpos;
  }

  /**
   * Appends column j as the last row of L given its Hessian entries h (the factor's columns in
   * `cols` order, then the intercept's entry at index cols.length) and its diagonal entry hjj.
   * False (L unchanged but for its stride: the caller rebuilds) when the extended matrix is not
   * positive definite enough to factor.
   */
  append(L: Float64Array, j: number, h: Float64Array, hjj: number): boolean {
    const M = this.size, N = M + 1;
    this.toFactor(h);
    // Restride from M to M + 1, last row first (entries move to later offsets).
    for (let i = M - 1; i > 0; i--) L.copyWithin(i * N, i * M, i * M + i + 1);
    let ss = 0;
    for (let p = 0; p < M; p++) {
      let t = h[p]!;
      for (let q = 0; q < p; q++) t -= L[p * N + q]! * L[M * N + q]!;
      const y = t / L[p * N + p]!;
      L[M * N + p] = y;
      ss += y * y;
    }
    const d = hjj - ss;
    // A pivot lost to cancellation would make the step garbage: demand a margin.
    if (!(d > 1e-10 * hjj) || !(d < Infinity)) {
      this.valid = false;
      return false;
    }
    L[M * N + M] = Math.sqrt(d);
    this.cols.push(j);
    return true;
  }
}
