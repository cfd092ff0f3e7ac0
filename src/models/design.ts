// The design operator A = (X − 1·μᵀ)·D⁻¹ over a dense or CSR X held in engine memory: μ are the
// column means (when centring) and D the column sds (when standardizing). Centring and scaling are
// implicit, so a CSR X stays sparse: A·w = X·(D⁻¹w) − (μᵀD⁻¹w)·1 and Aᵀr = D⁻¹(Xᵀr − μ·Σr).
// The O(n·d) products run as engine kernels; the O(d) corrections are plain JS.
import type { DType, FloatArray } from '../dtype.js';
import type { Engine } from '../engine/engine.js';
import type { PlanContext } from '../engine/plan-context.js';
import type { KernelCall, Plan } from '../kernels/types.js';
import { planScratch } from './scratch.js';
import type { Matrix } from './types.js';

export class Design {
  readonly n: number;
  readonly d: number;
  readonly dtype: DType;
  /** Column means subtracted (null: none). */
  readonly mean: Float64Array | null;
  /** Column scales divided by (null: none); a constant column gets scale 1. */
  readonly scale: Float64Array | null;
  private readonly held: FloatArray[] = [];
  private readonly data: FloatArray;
  private readonly indptr: FloatArray | null = null;
  private readonly indices: FloatArray | null = null;
  private readonly wBuf: FloatArray;
  private readonly nnz: number;

  constructor(private readonly engine: Engine, readonly X: Matrix, center: boolean, standardize: boolean) {
    this.n = X.rows;
    this.d = X.cols;
    this.dtype = X.data instanceof Float32Array ? 'float32' : 'float64';
    const { mean, sd } = columnMoments(X, center);
    this.mean = center ? mean : null;
    this.scale = standardize ? sd.map((s) => (s > 0 ? s : 1)) : null;
    this.nnz = X.data.length;
    try {
      this.data = this.hold(engine.from(X.data, this.dtype));
      if (X.kind === 'csr') {
        // Int32 arrays ride in float32 blocks of engine memory (same 4-byte elements).
        this.indptr = this.hold(int32Block(engine, X.indptr));
        this.indices = this.hold(int32Block(engine, X.indices));
      }
      this.wBuf = this.hold(engine.alloc(this.d, this.dtype));
    } catch (e) {
      this.free(); // e.g. E_MEMORY part-way: give back what was taken
      throw e;
    }
  }

  /** Engine scratch for an n-vector of the design's dtype (freed with the design). */
  vector(): FloatArray {
    return this.hold(this.engine.alloc(this.n, this.dtype));
  }

  /** Returns every engine array the design holds. */
  free(): void {
    for (const a of this.held.splice(0)) this.engine.free(a);
  }

  /** z ← A·w + b. */
  *mul(w: Float64Array, b: number, z: FloatArray): Plan<void> {
    let off = 0;
    for (let j = 0; j < this.d; j++) {
      this.wBuf[j] = this.scale ? w[j]! / this.scale[j]! : w[j]!;
      if (this.mean) off -= this.mean[j]! * this.wBuf[j]!;
    }
    const X = this.X;
    const call: KernelCall =
      X.kind === 'dense'
        ? { kernel: 'linear_xw', dtype: this.dtype, ptrs: [this.data.byteOffset, this.wBuf.byteOffset, z.byteOffset], n: this.n, scalars: [this.d, b + off] }
        : {
            kernel: 'csr_xw', dtype: this.dtype,
            ptrs: [this.indptr!.byteOffset, this.indices!.byteOffset, this.data.byteOffset, this.wBuf.byteOffset, z.byteOffset],
            n: this.n, scalars: [this.nnz, this.d, b + off],
          };
    yield call;
  }

  /** g ← Aᵀ·r (g is plain f64; r lies in engine memory). Partials are added in group order. */
  *tmul(ctx: PlanContext, r: FloatArray, g: Float64Array): Plan<void> {
    const rows = rowsPerPartial(this.n);
    const blocks = Math.ceil(this.n / rows);
    const s = planScratch(ctx, 'xtr', blocks * this.d);
    const call: KernelCall =
      this.X.kind === 'dense'
        ? { kernel: 'linear_xtr', dtype: this.dtype, ptrs: [this.data.byteOffset, r.byteOffset], n: this.n, scalars: [rows, this.d], out: s.ptr }
        : {
            kernel: 'csr_xtr', dtype: this.dtype,
            ptrs: [this.indptr!.byteOffset, this.indices!.byteOffset, this.data.byteOffset, r.byteOffset],
            n: this.n, scalars: [rows, this.nnz, this.d], out: s.ptr,
          };
    yield call;
    g.fill(0);
    for (let b = 0; b < blocks; b++) for (let j = 0, o = b * this.d; j < this.d; j++) g[j] = g[j]! + s.view[o + j]!;
    if (this.mean) {
      let sr = 0;
      for (let i = 0; i < this.n; i++) sr += r[i]!;
      for (let j = 0; j < this.d; j++) g[j] = g[j]! - this.mean[j]! * sr;
    }
    if (this.scale) for (let j = 0; j < this.d; j++) g[j] = g[j]! / this.scale[j]!;
  }

  private hold<A extends FloatArray>(a: A): A {
    this.held.push(a);
    return a;
  }
}

/**
 * Rows per Xᵀ·r partial vector: at most PARTIALS groups per call (so a pool can shard even a
 * short, wide X over that many threads), at least MIN_ROWS rows each (so partial memory, cols f64
 * per group, stays small next to X). It depends on n only, so results do not depend on threads.
 */
const PARTIALS = 8;
const MIN_ROWS = 256;
export function rowsPerPartial(n: number): number {
  return Math.max(MIN_ROWS, Math.ceil(n / PARTIALS));
}

function int32Block(engine: Engine, src: Int32Array): FloatArray {
  const holder = engine.alloc(Math.max(1, src.length), 'float32');
  new Int32Array(holder.buffer, holder.byteOffset, src.length).set(src);
  return holder;
}

/** Column means (0 when not centring) and population sds around them, two passes in f64. */
export function columnMoments(X: Matrix, center: boolean): { mean: Float64Array; sd: Float64Array } {
  const n = X.rows, d = X.cols;
  const mean = new Float64Array(d), ss = new Float64Array(d);
  if (X.kind === 'dense') {
    if (center) {
      for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] = mean[j]! + X.data[i * d + j]!;
      for (let j = 0; j < d; j++) mean[j] = mean[j]! / n;
    }
    for (let i = 0; i < n; i++)
      for (let j = 0; j < d; j++) {
        const v = X.data[i * d + j]! - mean[j]!;
        ss[j] = ss[j]! + v * v;
      }
  } else {
    const count = new Float64Array(d);
    if (center) {
      for (let k = 0; k < X.data.length; k++) mean[X.indices[k]!] = mean[X.indices[k]!]! + X.data[k]!;
      for (let j = 0; j < d; j++) mean[j] = mean[j]! / n;
    }
    for (let k = 0; k < X.data.length; k++) {
      const j = X.indices[k]!;
      const v = X.data[k]! - mean[j]!;
      ss[j] = ss[j]! + v * v;
      count[j] = count[j]! + 1;
    }
    for (let j = 0; j < d; j++) ss[j] = ss[j]! + (n - count[j]!) * mean[j]! * mean[j]!;
  }
  return { mean, sd: ss.map((s) => Math.sqrt(s / n)) };
}
