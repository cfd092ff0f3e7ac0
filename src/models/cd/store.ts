// The design in coordinate-descent layout, in engine memory: a column-major copy of a dense X, or
// CSC built from CSR (never densified). Column scales s_j (standardize) are baked into the stored
// values; centring is baked into dense columns and kept implicit for CSC through the column means
// m_j = μ_j/s_j (the CD kernels correct for them), so sparse data stays sparse.
import type { DType, FloatArray } from '../../dtype.js';
import type { Engine } from '../../engine/engine.js';
import { columnMoments } from '../design.js';
import { Held } from '../held.js';
import type { Matrix } from '../types.js';

export interface StoreOptions {
  /** Subtract the column means in the solver's design (an intercept the solver does not carry). */
  center: boolean;
  /** Divide columns by their population sd (glmnet's standardize). */
  standardize: boolean;
  /** Means and sds are taken around the mean (true) or around 0 (no intercept, as glmnet). */
  momentsAroundMean: boolean;
}

/** The design as the CD kernels and models read it (a CdStore, or a worker's views of one). */
export interface CdData {
  readonly kind: 'dense' | 'csc';
  readonly dtype: DType;
  readonly rows: number;
  readonly cols: number;
  readonly nnz: number;
  readonly vals: FloatArray;
  readonly colptr: Int32Array | null;
  readonly rowidx: Int32Array | null;
  readonly cmean: Float64Array;
  readonly xsq: Float64Array;
}

export class CdStore implements CdData {
  readonly kind: 'dense' | 'csc';
  readonly dtype: DType;
  readonly rows: number;
  readonly cols: number;
  readonly nnz: number;
  /** Dense: rows × cols column-major; CSC: the nonzeros column by column (scaled). */
  readonly vals: FloatArray;
  readonly colptr: Int32Array | null = null;
  readonly rowidx: Int32Array | null = null;
  /** m_j of the implicitly centred CSC design (zeros otherwise), engine memory. */
  readonly cmean: Float64Array;
  /** Σ_i x̃_ij²/rows, the unweighted curvature of each coordinate, engine memory. */
  readonly xsq: Float64Array;
  /** μ_j subtracted by the solver's design (zeros when not centring), original units. */
  readonly centered: Float64Array;
  /** s_j the columns were divided by (ones when not standardizing). */
  readonly scale: Float64Array;
  private readonly held: Held;

  constructor(engine: Engine, X: Matrix, o: StoreOptions) {
    this.held = new Held(engine);
    this.rows = X.rows;
    this.cols = X.cols;
    this.dtype = X.data instanceof Float32Array ? 'float32' : 'float64';
    const { mean, sd } = columnMoments(X, o.momentsAroundMean);
    this.scale = o.standardize ? sd.map((s) => (s > 0 ? s : 1)) : new Float64Array(X.cols).fill(1);
    this.centered = o.center ? mean : new Float64Array(X.cols);
    this.kind = X.kind === 'dense' ? 'dense' : 'csc';
    this.nnz = X.kind === 'dense' ? X.rows * X.cols : X.data.length;
    const h = this.held;
    const built = h.guard(() => {
      const cmean = h.f64(X.cols), xsq = h.f64(X.cols);
      if (X.kind === 'dense') return { ...this.dense(X.data, xsq), cmean, xsq };
      return { ...this.csc(X, cmean, xsq), cmean, xsq };
    });
    this.vals = built.vals;
    this.colptr = built.colptr;
    this.rowidx = built.rowidx;
    this.cmean = built.cmean;
    this.xsq = built.xsq;
  }

  free(): void {
    this.held.free();
  }

  /** Column-major (x − μ)/s, and the curvature of each column from the stored values. */
  private dense(data: FloatArray, xsq: Float64Array) {
    const n = this.rows, d = this.cols;
    const vals = this.held.floats(n * d, this.dtype);
    for (let j = 0; j < d; j++) {
      const c = this.centered[j]!, s = this.scale[j]!, o = j * n;
      let q = 0;
      for (let i = 0, p = j; i < n; i++, p += d) {
        vals[o + i] = (data[p]! - c) / s;
        const v = vals[o + i]!;
        q += v * v;
      }
      xsq[j] = q / n;
    }
    return { vals, colptr: null, rowidx: null };
  }

  /** CSR → CSC with values a = x/s; m_j = μ_j/s_j; curvature Σ(a − m)²/rows over all rows. */
  private csc(X: Extract<Matrix, { kind: 'csr' }>, cmean: Float64Array, xsq: Float64Array) {
    const n = this.rows, d = this.cols, nnz = this.nnz;
    const colptr = this.held.i32(d + 1), rowidx = this.held.i32(nnz), vals = this.held.floats(nnz, this.dtype);
    for (let k = 0; k < nnz; k++) colptr[X.indices[k]! + 1] = colptr[X.indices[k]! + 1]! + 1;
    for (let j = 0; j < d; j++) colptr[j + 1] = colptr[j + 1]! + colptr[j]!;
    const next = colptr.slice(0, d);
    for (let i = 0; i < n; i++) {
      for (let k = X.indptr[i]!; k < X.indptr[i + 1]!; k++) {
        const j = X.indices[k]!, p = next[j]!++;
        rowidx[p] = i;
        vals[p] = X.data[k]! / this.scale[j]!;
      }
    }
    for (let j = 0; j < d; j++) {
      const m = this.centered[j]! / this.scale[j]!;
      cmean[j] = m;
      let q = 0;
      for (let p = colptr[j]!; p < colptr[j + 1]!; p++) q += (vals[p]! - m) * (vals[p]! - m);
      xsq[j] = (q + (n - (colptr[j + 1]! - colptr[j]!)) * m * m) / n;
    }
    return { vals, colptr, rowidx };
  }
}
