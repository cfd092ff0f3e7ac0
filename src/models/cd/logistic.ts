// Logistic loss (1/n)Σ[log(1 + e^η) − yη] + R(w), η = b + Ãw, by proximal Newton (glmnet's IRLS):
// at each outer step the loss is replaced by its quadratic model at η (weights v = p(1 − p),
// floored), which weighted coordinate descent minimizes over the working set with the unpenalized
// intercept; the new point is accepted only if the objective decreased, else the step is halved
// (at most 30 times: then the solve stops with 'no-decrease'). Every loop is bounded.
import { moduleOf, type Regularizer } from '../../engine/regularizers.js';
import type { Plan } from '../../kernels/types.js';
import { dualCall, gradListCall, irlsCall, sweepCall, wepochsCall, wnormsCall } from './calls.js';
import { partials, type Field, type Views } from './layout.js';
import type { CdModel, InnerResult, Objective } from './model.js';
import { newtonLayout, newtonPolish, type NewtonHost } from './newton.js';
import type { CdData } from './store.js';
import { SupportFactor } from './support-factor.js';

/** Newton steps per inner solve (each is a full CD solve of the quadratic model). */
const MAX_NEWTON = 100;
/** Newton polishes per inner solve (each after the last one's KKT violators joined the support). */
const MAX_POLISHES = 4;
/** The share of the duality-gap target (tol·objective) the Newton polish's gradient test aims at. */
const POLISH_GAP_SHARE = 0.2;
/** Step halvings before a Newton step is given up. */
const MAX_HALVINGS = 30;

export function logisticLayout(rows: number, cols: number, csc: boolean, nnz: number): Field[] {
  return [
    ['y', 'f64', rows], ['eta', 'f64', rows], ['v', 'f64', rows], ['r', 'f64', rows], ['etaOld', 'f64', rows],
    ['w', 'f64', cols], ['g', 'f64', cols], ['xv', 'f64', cols], ['active', 'i32', cols], ['nz', 'i32', cols], ['state', 'f64', 4],
    ['part', 'f64', partials(rows, 3)], ...newtonLayout(rows, cols, csc, nnz),
  ];
}

export class LogisticModel implements CdModel, NewtonHost {
  readonly rows: number;
  readonly cols: number;
  readonly w: Float64Array;
  readonly g: Float64Array;
  readonly active: Int32Array;
  readonly nullObjective: number;
  readonly eta: Float64Array;
  readonly etaOld: Float64Array;
  readonly state: Float64Array;
  readonly factor = new SupportFactor();
  private readonly y: Float64Array;
  private readonly r: Float64Array;
  private readonly part: Float64Array;
  private readonly wOld: Float64Array;
  /** Σ log-loss, Σv, Σr at the current η (from the last IRLS pass). */
  private loss = 0;
  private sumV = 0;
  private sumR_ = 0;

  constructor(readonly st: CdData, readonly v: Views, readonly hasIntercept: boolean) {
    this.rows = st.rows;
    this.cols = st.cols;
    this.y = v.y as Float64Array;
    this.eta = v.eta as Float64Array;
    this.etaOld = v.etaOld as Float64Array;
    this.r = v.r as Float64Array;
    this.w = v.w as Float64Array;
    this.g = v.g as Float64Array;
    this.active = v.active as Int32Array;
    this.state = v.state as Float64Array;
    this.part = v.part as Float64Array;
    this.wOld = new Float64Array(st.cols);
    let p = 0;
    for (const x of this.y) p += x;
    p /= st.rows;
    const ent = (q: number) => (q > 0 ? -q * Math.log(q) : 0);
    this.nullObjective = hasIntercept ? ent(p) + ent(1 - p) : Math.LN2;
  }

  intercept(): number {
    return this.state[0]!;
  }

  meanLoss(): number {
    return this.loss / this.rows;
  }

  sumR(): number {
    return this.sumR_;
  }

  *start(w0: Float64Array, b0: number): Plan<void> {
    const st = this.st, eta = this.eta;
    this.factor.valid = false;
    this.w.set(w0);
    this.state[0] = b0;
    eta.fill(b0);
    for (let j = 0; j < st.cols; j++) {
      const wj = w0[j]!;
      if (wj === 0) continue;
      if (st.kind === 'dense') for (let i = 0, o = j * st.rows; i < st.rows; i++) eta[i] = eta[i]! + wj * st.vals[o + i]!;
      else for (let p = st.colptr![j]!; p < st.colptr![j + 1]!; p++) { const i = st.rowidx![p]!; eta[i] = eta[i]! + wj * st.vals[p]!; }
    }
    yield* this.irls();
    yield* this.refresh();
  }

  *prepare(): Plan<void> {}

  *solve(m: number, l1: number, l2: number, thr: number, maxEpochs: number, entering: readonly number[]): Plan<InnerResult> {
    const { st, w, wOld, eta, etaOld, state } = this;
    const penalty = (): number => {
      let a = 0, q = 0;
      for (let k = 0; k < m; k++) {
        const x = w[this.active[k]!]!;
        a += Math.abs(x);
        q += x * x;
      }
      return l1 * a + l2 * q;
    };
    // One proximal Newton step by CD finds the support (with an objective-decrease safeguard); the
    // Newton polish on that support does the rest, faster than more CD.
    const before = this.loss / this.rows + penalty();
    yield wnormsCall(st, this.active, m, this.v.v!, this.v.xv!);
    wOld.set(w);
    etaOld.set(eta);
    const bOld = state[0]!;
    const epochs = yield* this.epochs(m, l1, l2, thr, maxEpochs);
    yield* this.irls();
    if (this.loss / this.rows + penalty() > before + 1e-13 * Math.abs(before)) {
      if (!(yield* this.backtrack(before, penalty, bOld))) return { epochs, stop: 'no-decrease' };
    }
    // The polished point can make zero coordinates of the working set violate their KKT condition;
    // they enter a further polish at once (which extends the factor) rather than after a KKT round.
    // The polish stops when its estimate of the gap (newton.ts gapEstimate) is a share of what the gap test will
    // ask for: thr is tol·P(0) (÷10 per failed round), so thr·F/P(0) is tol·F at the current F.
    let enter = entering;
    const gradStop = POLISH_GAP_SHARE * thr * Math.min(1, (this.loss / this.rows + penalty()) / this.nullObjective);
    for (let pass = 0; pass < MAX_POLISHES; pass++) {
      yield* newtonPolish(this, this.active, m, enter, l1, l2, 1e-9 * thr * thr / this.nullObjective, gradStop);
      if (l1 === 0) break;
      enter = yield* this.violators(m, l1);
      if (enter.length === 0) break;
    }
    if (l1 === 0 && l2 === 0 && this.separated()) return { epochs, stop: 'separable' };
    return { epochs };
  }

  /**
   * The zero coordinates of the working set with |x̃_jᵀ(y − p)/n| > λ₁ (their gradients are left in
   * g, where the polish reads the sign they enter with).
   */
  private *violators(m: number, l1: number): Plan<number[]> {
    const { w, g } = this, list = this.v.nz as Int32Array, grad = this.v.pcgP as Float64Array;
    let k = 0;
    for (let a = 0; a < m; a++) if (w[this.active[a]!] === 0) list[k++] = this.active[a]!;
    if (k === 0) return [];
    yield gradListCall(this.st, list, k, this.r, grad);
    const out: number[] = [];
    for (let a = 0; a < k; a++) {
      const j = list[a]!;
      g[j] = grad[a]!;
      if (Math.abs(grad[a]!) > l1 * (1 + 1e-9)) out.push(j);
    }
    return out;
  }

  /**
   * True when the current margins classify every row correctly (η > 0 exactly where y = 1): then
   * scaling w up drives the loss to 0, and without a penalty there is no finite optimum.
   */
  private separated(): boolean {
    for (let i = 0; i < this.rows; i++) if ((this.y[i] === 1) !== (this.eta[i]! > 0)) return false;
    return true;
  }

  /**
   * CD on the quadratic model, glmnet's way: epochs over the working set's nonzeros until they
   * settle, then one pass over the whole working set; repeated until such a pass changes nothing
   * above thr (most of the working set stays at zero, so most epochs cost only the support).
   */
  private *epochs(m: number, l1: number, l2: number, thr: number, budget: number): Plan<number> {
    const { st, w, state } = this, nz = this.v.nz as Int32Array;
    const args = { w, xv: this.v.xv!, r: this.r, state, l1, l2, thr, v: this.v.v!, eta: this.eta, intercept: this.hasIntercept, sumV: this.sumV };
    let used = 0;
    for (let pass = 0; pass < MAX_NEWTON && used < budget; pass++) {
      let k = 0;
      for (let a = 0; a < m; a++) if (w[this.active[a]!] !== 0) nz[k++] = this.active[a]!;
      if (k === m) {
        yield wepochsCall(st, { ...args, active: this.active, m, maxEpochs: budget - used });
        return used + state[2]!;
      }
      if (k > 0) {
        yield wepochsCall(st, { ...args, active: nz, m: k, maxEpochs: budget - used });
        used += state[2]!;
      }
      yield wepochsCall(st, { ...args, active: this.active, m, maxEpochs: 1 });
      used += state[2]!;
      if (!(state[1]! > thr)) break;
    }
    return used;
  }

  *refresh(): Plan<void> {
    // Polish the intercept first (Σ(y − p) = 0 is the dual constraint of an unpenalized intercept).
    for (let it = 0; this.hasIntercept && it < 4 && Math.abs(this.sumR_) > 1e-13 * this.rows; it++) {
      const db = this.sumR_ / this.sumV;
      for (let i = 0; i < this.rows; i++) this.eta[i] = this.eta[i]! + db;
      this.state[0] = this.state[0]! + db;
      yield* this.irls();
    }
    yield sweepCall(this.st, this.r, this.g, 0);
  }

  *objective(R: Regularizer): Plan<Objective> {
    const mod = moduleOf(R);
    const primal = this.loss / this.rows + mod.value(R, this.w);
    if (mod.isZero(R)) return { primal, gap: null };
    const [k, conj] = mod.dual(R, this.g);
    yield dualCall(this.y, this.r, this.rows, k, this.part);
    let h = 0;
    for (let b = 0; b < Math.ceil(this.rows / 4096); b++) h += this.part[b]!;
    return { primal, gap: Math.max(0, primal - (h / this.rows - conj)) };
  }

  /** p, v, r at the current η and their sums. */
  *irls(): Plan<void> {
    const part = this.part;
    yield irlsCall(this.eta, this.y, this.v.v!, this.r, this.rows, part);
    let loss = 0, sv = 0, sr = 0;
    for (let k = 0; k < part.length; k += 3) {
      loss += part[k]!;
      sv += part[k + 1]!;
      sr += part[k + 2]!;
    }
    this.loss = loss;
    this.sumV = sv;
    this.sumR_ = sr;
  }

  /** Halves the step from (wOld, bOld, ηOld) until the objective is below `before`; false if it never is. */
  private *backtrack(before: number, penalty: () => number, bOld: number): Plan<boolean> {
    const { w, wOld, eta, etaOld, state } = this;
    const wNew = Float64Array.from(w), etaNew = Float64Array.from(eta), bNew = state[0]!;
    let t = 1;
    for (let h = 0; h < MAX_HALVINGS; h++) {
      t /= 2;
      for (let j = 0; j < this.cols; j++) w[j] = wOld[j]! + t * (wNew[j]! - wOld[j]!);
      for (let i = 0; i < this.rows; i++) eta[i] = etaOld[i]! + t * (etaNew[i]! - etaOld[i]!);
      state[0] = bOld + t * (bNew - bOld);
      yield* this.irls();
      if (this.loss / this.rows + penalty() <= before) return true;
    }
    w.set(wOld);
    eta.set(etaOld);
    state[0] = bOld;
    yield* this.irls();
    return false;
  }
}
