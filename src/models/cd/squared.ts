// Squared loss (1/2n)‖t − Ãw‖² + R(w) by coordinate descent, in glmnet's two modes:
// - naive: the residual r is kept and a step costs one column (O(rows) dense, O(nnz_j) CSC); the
//   gradient of every column is one sweep (sharded) for the KKT check and the duality gap;
// - covariance: grad = q − G·w is kept for every column with Gram columns computed lazily, only for
//   variables that enter the working set; a step costs O(cols) and the KKT check is free.
import { moduleOf, type Regularizer } from '../../engine/regularizers.js';
import type { Plan } from '../../kernels/types.js';
import { covEpochsCall, epochsCall, gramCscCall, gramDenseCall, residCall, sweepCall } from './calls.js';
import { partials, type Field, type Views } from './layout.js';
import type { CdModel, InnerResult, Objective } from './model.js';
import type { CdData } from './store.js';

export type SquaredMode = 'naive' | 'covariance';

export function squaredLayout(rows: number, cols: number, mode: SquaredMode): Field[] {
  const base: Field[] = [
    ['t', 'f64', rows], ['r', 'f64', rows], ['w', 'f64', cols], ['g', 'f64', cols], ['active', 'i32', cols],
    ['state', 'f64', 4], ['part', 'f64', partials(rows, 2)],
  ];
  if (mode === 'naive') return base;
  return [...base, ['G', 'f64', cols * cols], ['slot', 'i32', cols], ['diag', 'f64', cols], ['kcols', 'i32', cols], ['kslots', 'i32', cols]];
}

/** Duality gap of the squared loss from ‖ρ‖², tᵀρ and g = Ãᵀρ/n (dual point κρ/n). */
function squaredObjective(R: Regularizer, w: Float64Array, g: Float64Array, rr: number, tr: number, n: number): Objective {
  const mod = moduleOf(R);
  const primal = rr / (2 * n) + mod.value(R, w);
  if (mod.isZero(R)) return { primal, gap: null };
  const [k, conj] = mod.dual(R, g);
  return { primal, gap: Math.max(0, primal - ((k * tr) / n - (k * k * rr) / (2 * n) - conj)) };
}

/** r ← t − Ã·w (JS, once per start): each nonzero w_j takes its column off. */
function residual(st: CdData, t: Float64Array, w: Float64Array, r: Float64Array): void {
  r.set(t);
  for (let j = 0; j < st.cols; j++) {
    const wj = w[j]!;
    if (wj === 0) continue;
    if (st.kind === 'dense') for (let i = 0, o = j * st.rows; i < st.rows; i++) r[i] = r[i]! - wj * st.vals[o + i]!;
    else for (let p = st.colptr![j]!; p < st.colptr![j + 1]!; p++) { const i = st.rowidx![p]!; r[i] = r[i]! - wj * st.vals[p]!; }
  }
}

abstract class SquaredBase implements CdModel {
  readonly rows: number;
  readonly cols: number;
  readonly w: Float64Array;
  readonly g: Float64Array;
  readonly active: Int32Array;
  readonly nullObjective: number;
  protected readonly t: Float64Array;
  protected readonly state: Float64Array;
  protected readonly tt: number;

  constructor(protected readonly st: CdData, protected readonly v: Views) {
    this.rows = st.rows;
    this.cols = st.cols;
    this.t = v.t as Float64Array;
    this.w = v.w as Float64Array;
    this.g = v.g as Float64Array;
    this.active = v.active as Int32Array;
    this.state = v.state as Float64Array;
    let tt = 0;
    for (const x of this.t) tt += x * x;
    this.tt = tt;
    this.nullObjective = tt / (2 * st.rows);
  }

  intercept(): number {
    return 0;
  }

  abstract start(w0: Float64Array, b0: number): Plan<void>;
  abstract prepare(m: number): Plan<void>;
  abstract solve(m: number, l1: number, l2: number, thr: number, maxEpochs: number, entering: readonly number[]): Plan<InnerResult>;
  abstract refresh(): Plan<void>;
  abstract objective(R: Regularizer): Plan<Objective>;
}

export class NaiveSquared extends SquaredBase {
  private S = 0;
  private readonly r: Float64Array;
  /** The CSC design is centred implicitly: the true residual is r − S/rows. */
  private readonly implicit: boolean;

  constructor(st: CdData, v: Views, centered: boolean) {
    super(st, v);
    this.r = v.r as Float64Array;
    this.implicit = st.kind === 'csc' && centered;
  }

  *start(w0: Float64Array): Plan<void> {
    this.w.set(w0);
    residual(this.st, this.t, w0, this.r);
    this.S = 0;
    for (const x of this.r) this.S += x;
    yield* this.refresh();
  }

  *prepare(): Plan<void> {}

  *solve(m: number, l1: number, l2: number, thr: number, maxEpochs: number): Plan<InnerResult> {
    yield epochsCall(this.st, { active: this.active, m, w: this.w, xv: this.st.xsq, r: this.r, state: this.state, l1, l2, thr, maxEpochs });
    if (this.st.kind === 'csc') this.S = this.state[0]!;
    return { epochs: this.state[2]! };
  }

  *refresh(): Plan<void> {
    yield sweepCall(this.st, this.r, this.g, this.S);
  }

  *objective(R: Regularizer): Plan<Objective> {
    const part = this.v.part as Float64Array;
    yield residCall(this.r, this.t, this.rows, this.implicit ? -this.S / this.rows : 0, part);
    let rr = 0, tr = 0;
    for (let k = 0; k < part.length; k += 2) {
      rr += part[k]!;
      tr += part[k + 1]!;
    }
    return squaredObjective(R, this.w, this.g, rr, tr, this.rows);
  }
}

export class CovarianceSquared extends SquaredBase {
  /** Ãᵀt/rows (the gradient at w = 0). */
  private readonly q: Float64Array;
  private slots = 0;

  constructor(st: CdData, v: Views) {
    super(st, v);
    this.q = new Float64Array(st.cols);
    (v.slot as Int32Array).fill(-1);
  }

  *start(w0: Float64Array): Plan<void> {
    let S = 0;
    for (const x of this.t) S += x;
    yield sweepCall(this.st, this.t, this.g, S);
    this.q.set(this.g);
    this.w.set(w0);
    const nz: number[] = [];
    w0.forEach((x, j) => x !== 0 && nz.push(j));
    yield* this.ensure(nz);
    const G = this.v.G as Float64Array, slot = this.v.slot as Int32Array, d = this.cols;
    for (const j of nz) for (let i = 0, o = slot[j]! * d; i < d; i++) this.g[i] = this.g[i]! - w0[j]! * G[o + i]!;
  }

  *prepare(m: number): Plan<void> {
    yield* this.ensure(Array.from(this.active.subarray(0, m)));
  }

  *solve(m: number, l1: number, l2: number, thr: number, maxEpochs: number): Plan<InnerResult> {
    const v = this.v;
    yield covEpochsCall({ active: this.active, m, slot: v.slot!, G: v.G!, w: this.w, diag: v.diag!, grad: this.g, state: this.state },
      this.cols, this.cols, l1, l2, thr, maxEpochs);
    return { epochs: this.state[2]! };
  }

  *refresh(): Plan<void> {}

  *objective(R: Regularizer): Plan<Objective> {
    yield* []; // O(cols) from the Gram identities: no kernel to run
    let qw = 0, wg = 0;
    for (let j = 0; j < this.cols; j++) {
      qw += this.q[j]! * this.w[j]!;
      wg += this.w[j]! * this.g[j]!;
    }
    const n = this.rows;
    return squaredObjective(R, this.w, this.g, Math.max(0, this.tt - n * qw - n * wg), this.tt - n * qw, n);
  }

  /** Gram columns for the listed variables that have none yet. */
  private *ensure(list: number[]): Plan<void> {
    const slot = this.v.slot as Int32Array, G = this.v.G as Float64Array, diag = this.v.diag as Float64Array;
    const fresh = list.filter((j) => slot[j]! < 0);
    if (fresh.length === 0) return;
    const d = this.cols, st = this.st;
    if (st.kind === 'dense') {
      const kc = this.v.kcols as Int32Array, ks = this.v.kslots as Int32Array, first = this.slots;
      fresh.forEach((j, k) => {
        kc[k] = j;
        ks[k] = slot[j] = this.slots++;
      });
      yield gramDenseCall(st, kc, ks, fresh.length, d, slot, first, G);
    } else {
      // One column at a time: column k scattered into the residual-sized scratch (r is not used here).
      const dense = this.v.r as Float64Array;
      for (const j of fresh) {
        dense.fill(0);
        for (let p = st.colptr![j]!; p < st.colptr![j + 1]!; p++) { const i = st.rowidx![p]!; dense[i] = dense[i]! + st.vals[p]!; }
        slot[j] = this.slots++;
        yield gramCscCall(st, dense, slot[j]!, st.cmean[j]!, G);
      }
    }
    for (const j of fresh) diag[j] = G[slot[j]! * d + j]!;
  }
}
