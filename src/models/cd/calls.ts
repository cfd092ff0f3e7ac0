// Kernel calls of the coordinate-descent solvers, built from the store and workspace arrays (byte
// offsets into engine memory). Work-vector kernels are dtype-free: they run their f64 export.
import type { KernelCall } from '../../kernels/types.js';
import type { CdData } from './store.js';

const F64 = 'float64' as const;
type A = { byteOffset: number };

/** g_j = x̃_jᵀr/rows for all columns (S = Σr for the implicitly centred CSC design). */
export function sweepCall(st: CdData, r: A, g: A, S: number): KernelCall {
  const invN = 1 / st.rows;
  if (st.kind === 'dense') return { kernel: 'cd_sweep_dense', dtype: st.dtype, ptrs: [st.vals.byteOffset, r.byteOffset, g.byteOffset], n: st.cols, scalars: [st.rows, invN] };
  return {
    kernel: 'cd_sweep_csc', dtype: st.dtype, n: st.cols, scalars: [st.nnz, st.rows, S, invN],
    ptrs: [st.colptr!.byteOffset, st.rowidx!.byteOffset, st.vals.byteOffset, st.cmean.byteOffset, r.byteOffset, g.byteOffset],
  };
}

export interface EpochArgs {
  active: A;
  m: number;
  w: A;
  xv: A;
  r: A;
  state: A;
  l1: number;
  l2: number;
  thr: number;
  maxEpochs: number;
}

/** Squared-loss epochs (residual r) over the first m entries of `active`. */
export function epochsCall(st: CdData, a: EpochArgs): KernelCall {
  const tail = [a.l1, 2 * a.l2, a.thr, a.maxEpochs, 1 / st.rows];
  if (st.kind === 'dense') {
    return {
      kernel: 'cd_epochs_dense', dtype: st.dtype, n: a.m, scalars: [st.cols, st.rows, ...tail],
      ptrs: [st.vals.byteOffset, a.active.byteOffset, a.w.byteOffset, a.xv.byteOffset, a.r.byteOffset, a.state.byteOffset],
    };
  }
  return {
    kernel: 'cd_epochs_csc', dtype: st.dtype, n: a.m, scalars: [st.cols, st.nnz, st.rows, ...tail],
    ptrs: [st.colptr!.byteOffset, st.rowidx!.byteOffset, st.vals.byteOffset, st.cmean.byteOffset, a.active.byteOffset, a.w.byteOffset,
      a.xv.byteOffset, a.r.byteOffset, a.state.byteOffset],
  };
}

/** Weighted epochs of the Newton model (r weighted residual, margins eta, intercept in state[0]). */
export function wepochsCall(st: CdData, a: EpochArgs & { v: A; eta: A; intercept: boolean; sumV: number }): KernelCall {
  const tail = [a.l1, 2 * a.l2, a.thr, a.maxEpochs, 1 / st.rows, a.intercept ? 1 : 0, a.sumV];
  if (st.kind === 'dense') {
    return {
      kernel: 'cd_wepochs_dense', dtype: st.dtype, n: a.m, scalars: [st.cols, st.rows, ...tail],
      ptrs: [st.vals.byteOffset, a.active.byteOffset, a.w.byteOffset, a.xv.byteOffset, a.r.byteOffset, a.v.byteOffset, a.eta.byteOffset, a.state.byteOffset],
    };
  }
  return {
    kernel: 'cd_wepochs_csc', dtype: st.dtype, n: a.m, scalars: [st.cols, st.nnz, st.rows, ...tail],
    ptrs: [st.colptr!.byteOffset, st.rowidx!.byteOffset, st.vals.byteOffset, a.active.byteOffset, a.w.byteOffset, a.xv.byteOffset,
      a.r.byteOffset, a.v.byteOffset, a.eta.byteOffset, a.state.byteOffset],
  };
}

/** xv_j = Σ v_i·x̃_ij²/rows for the first m listed columns. */
export function wnormsCall(st: CdData, list: A, m: number, v: A, xv: A): KernelCall {
  const invN = 1 / st.rows;
  if (st.kind === 'dense') return { kernel: 'cd_wnorms_dense', dtype: st.dtype, n: m, scalars: [st.rows, st.cols, invN], ptrs: [st.vals.byteOffset, list.byteOffset, v.byteOffset, xv.byteOffset] };
  return {
    kernel: 'cd_wnorms_csc', dtype: st.dtype, n: m, scalars: [st.cols, st.nnz, st.rows, invN],
    ptrs: [st.colptr!.byteOffset, st.rowidx!.byteOffset, st.vals.byteOffset, list.byteOffset, v.byteOffset, xv.byteOffset],
  };
}

/**
 * Dense Gram columns: G[slot_k·cols + j] = x_jᵀx_k/rows for K new variables whose slots start at
 * `first` (columns with an earlier slot copy their entry from their own Gram column).
 */
export function gramDenseCall(st: CdData, kcols: A, kslots: A, K: number, cap: number, slot: A, first: number, G: A): KernelCall {
  return {
    kernel: 'cd_gram_dense', dtype: st.dtype, n: st.cols, scalars: [st.rows, st.cols, K, cap, first, 1 / st.rows],
    ptrs: [st.vals.byteOffset, st.vals.byteOffset, kcols.byteOffset, kslots.byteOffset, slot.byteOffset, G.byteOffset, G.byteOffset],
  };
}

/** One CSC Gram column (column k scattered into `dense`, m_k its mean) into `slot`. */
export function gramCscCall(st: CdData, dense: A, slot: number, mk: number, G: A): KernelCall {
  return {
    kernel: 'cd_gram_csc', dtype: st.dtype, n: st.cols, scalars: [st.nnz, st.rows, st.cols, slot, mk, 1 / st.rows],
    ptrs: [st.colptr!.byteOffset, st.rowidx!.byteOffset, st.vals.byteOffset, st.cmean.byteOffset, dense.byteOffset, G.byteOffset],
  };
}

export function covEpochsCall(a: { active: A; m: number; slot: A; G: A; w: A; diag: A; grad: A; state: A }, cols: number, cap: number,
  l1: number, l2: number, thr: number, maxEpochs: number): KernelCall {
  return {
    kernel: 'cd_cov_epochs', dtype: F64, n: a.m, scalars: [cols, cap, l1, 2 * l2, thr, maxEpochs],
    ptrs: [a.active.byteOffset, a.slot.byteOffset, a.G.byteOffset, a.w.byteOffset, a.diag.byteOffset, a.grad.byteOffset, a.state.byteOffset],
  };
}

export function irlsCall(eta: A, y: A, v: A, r: A, n: number, out: A): KernelCall {
  return { kernel: 'logistic_irls', dtype: F64, n, scalars: [], ptrs: [eta.byteOffset, y.byteOffset, v.byteOffset, r.byteOffset], out: out.byteOffset };
}

export function dualCall(y: A, r: A, n: number, kappa: number, out: A): KernelCall {
  return { kernel: 'logistic_dual', dtype: F64, n, scalars: [kappa], ptrs: [y.byteOffset, r.byteOffset], out: out.byteOffset };
}

export function residCall(r: A, t: A, n: number, o: number, out: A): KernelCall {
  return { kernel: 'cd_resid', dtype: F64, n, scalars: [o], ptrs: [r.byteOffset, t.byteOffset], out: out.byteOffset };
}

/** g_a = x̃_{list_a}ᵀr/rows for the first m listed columns. */
export function gradListCall(st: CdData, list: A, m: number, r: A, g: A): KernelCall {
  const invN = 1 / st.rows;
  if (st.kind === 'dense') return { kernel: 'cd_grad_list_dense', dtype: st.dtype, n: m, scalars: [st.rows, st.cols, invN], ptrs: [st.vals.byteOffset, list.byteOffset, r.byteOffset, g.byteOffset] };
  return {
    kernel: 'cd_grad_list_csc', dtype: st.dtype, n: m, scalars: [st.cols, st.nnz, st.rows, invN],
    ptrs: [st.colptr!.byteOffset, st.rowidx!.byteOffset, st.vals.byteOffset, list.byteOffset, r.byteOffset, g.byteOffset],
  };
}

/** out = δb + Σ_a δ_a·x̃_{list_a} over the first m listed columns. */
export function colsAxpyCall(st: CdData, list: A, m: number, delta: A, out: A, db: number): KernelCall {
  if (st.kind === 'dense') return { kernel: 'cd_cols_axpy_dense', dtype: st.dtype, n: m, scalars: [st.rows, st.cols, db], ptrs: [st.vals.byteOffset, list.byteOffset, delta.byteOffset, out.byteOffset] };
  return {
    kernel: 'cd_cols_axpy_csc', dtype: st.dtype, n: m, scalars: [st.cols, st.nnz, st.rows, db],
    ptrs: [st.colptr!.byteOffset, st.rowidx!.byteOffset, st.vals.byteOffset, list.byteOffset, delta.byteOffset, out.byteOffset],
  };
}

/** The weighted Hessian of the first m listed columns (and the intercept) into H's lower triangle. */
export function hessCall(st: CdData, list: A, m: number, v: A, H: A, intercept: boolean, scratch: { rowptr: A; rcol: A; rval: A }): KernelCall {
  const invN = 1 / st.rows, ic = intercept ? 1 : 0;
  if (st.kind === 'dense') return { kernel: 'cd_hess_dense', dtype: st.dtype, n: m, scalars: [st.rows, st.cols, invN, ic], ptrs: [st.vals.byteOffset, list.byteOffset, v.byteOffset, H.byteOffset] };
  return {
    kernel: 'cd_hess_csc', dtype: st.dtype, n: m, scalars: [st.cols, st.nnz, st.rows, st.nnz, invN, ic],
    ptrs: [st.colptr!.byteOffset, st.rowidx!.byteOffset, st.vals.byteOffset, list.byteOffset, v.byteOffset,
      scratch.rowptr.byteOffset, scratch.rcol.byteOffset, scratch.rval.byteOffset, H.byteOffset],
  };
}

/** b ← (H + μI)⁻¹b (factor: H holds H's lower triangle; else it holds L from an earlier call). */
export function cholCall(H: A, b: A, status: A, M: number, mu: number, factor: boolean): KernelCall {
  return { kernel: 'chol_solve', dtype: F64, n: M, scalars: [mu, factor ? 1 : 0], ptrs: [H.byteOffset, b.byteOffset, status.byteOffset] };
}
