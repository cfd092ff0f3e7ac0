// A coordinate-descent path as a task (src/engine/tasks.ts): the calling thread prepares a problem
// in engine memory and writes a descriptor of it; any thread can then run the whole path from the
// descriptor with its own kernels, and writes the fits into a result block. Cross-validation runs
// its folds this way, concurrently; a fold gives bitwise the same fits on any thread.
import { elasticNet, moduleOf, type Regularizer } from '../../engine/regularizers.js';
import { drive, type TaskContext } from '../../engine/tasks.js';
import type { Held } from '../held.js';
import type { StopReason } from '../types.js';
import { attach } from './layout.js';
import { cdPath, type CdFit } from './path-loop.js';
import { layoutFor, makeModel, type CdMode, type CdProblem } from './problem.js';
import type { CdData } from './store.js';

export const PATH_TASK = 'cd-path';

const MODES: CdMode[] = ['naive', 'covariance', 'newton'];
const REASONS: StopReason[] = ['gap', 'kkt', 'step', 'maxIter', 'separable', 'no-decrease'];
/** Header fields of the descriptor, then the layout's pointers, then (λ₁, λ₂) per penalty. */
const HEAD = 18;
/** f64 per fit in the result block before its coefficients: b, objective, gap, epochs, converged, reason. */
const FIT_HEAD = 6;

export interface PathJob {
  problem: CdProblem;
  /** The descriptor (engine memory); its byte offset and length are the task's arguments. */
  desc: Float64Array;
  /** nPen × (FIT_HEAD + cols) f64. */
  result: Float64Array;
}

/** Writes the descriptor and allocates the result block of a path over `penalties` (solver scale) from (0, b0). */
export function pathJob(held: Held, P: CdProblem, penalties: Regularizer[], b0: number): PathJob {
  const st = P.store, n = penalties.length;
  const desc = held.f64(HEAD + P.ptrs.length + 2 * n);
  const result = held.f64(n * (FIT_HEAD + st.cols));
  desc.set([
    MODES.indexOf(P.mode), st.kind === 'csc' ? 1 : 0, st.dtype === 'float32' ? 0 : 1, st.rows, st.cols, st.nnz,
    st.vals.byteOffset, st.colptr?.byteOffset ?? 0, st.rowidx?.byteOffset ?? 0, st.cmean.byteOffset, st.xsq.byteOffset,
    P.flag ? 1 : 0, P.c.tol, P.c.maxIter, b0, n, result.byteOffset, 0,
  ]);
  desc.set(P.ptrs, HEAD);
  penalties.forEach((R, k) => {
    const v = moduleOf(R).cd(R);
    if (v.kind !== 'separable') throw new Error(`a CD path task needs separable penalties, got ${R.kind}`);
    desc.set([v.l1, v.l2], HEAD + P.ptrs.length + 2 * k);
  });
  return { problem: P, desc, result };
}

/** The task: runs the path a descriptor describes and fills its result block (desc[17] = 1 when done). */
export function runPathTask(ctx: TaskContext, [ptr, len]: number[]): void {
  const buf = ctx.memory.buffer;
  const d = new Float64Array(buf, ptr!, len!);
  const mode = MODES[d[0]!]!, csc = d[1] === 1, dtype = d[2] === 0 ? 'float32' : 'float64';
  const rows = d[3]!, cols = d[4]!, nnz = d[5]!;
  const Vals = dtype === 'float32' ? Float32Array : Float64Array;
  const store: CdData = {
    kind: csc ? 'csc' : 'dense', dtype, rows, cols, nnz,
    vals: new Vals(buf, d[6]!, csc ? nnz : rows * cols),
    colptr: csc ? new Int32Array(buf, d[7]!, cols + 1) : null,
    rowidx: csc ? new Int32Array(buf, d[8]!, nnz) : null,
    cmean: new Float64Array(buf, d[9]!, cols),
    xsq: new Float64Array(buf, d[10]!, cols),
  };
  const layout = layoutFor(mode, rows, cols, csc, nnz);
  const model = makeModel(mode, store, attach(buf, layout, d.subarray(HEAD, HEAD + layout.length)), d[11] === 1);
  const n = d[15]!, at = HEAD + layout.length;
  const penalties = Array.from({ length: n }, (_, k) => elasticNet({ l1: d[at + 2 * k]!, l2: d[at + 2 * k + 1]! }));
  const fits = drive(ctx, cdPath(model, penalties, { tol: d[12]!, maxIter: d[13]! }, { w: new Float64Array(cols), b: d[14]! }));
  const out = new Float64Array(buf, d[16]!, n * (FIT_HEAD + cols));
  fits.forEach((f, k) => {
    const o = k * (FIT_HEAD + cols);
    out.set([f.b, f.objective, f.gap ?? NaN, f.epochs, f.converged ? 1 : 0, REASONS.indexOf(f.reason)], o);
    out.set(f.w, o + FIT_HEAD);
  });
  d[17] = 1;
}

/** True once the task has written its result block. */
export function jobDone(job: PathJob): boolean {
  return job.desc[17] === 1;
}

/** The fits a finished job wrote (solver scale). */
export function jobFits(job: PathJob): CdFit[] {
  const cols = job.problem.store.cols, stride = FIT_HEAD + cols, r = job.result;
  return Array.from({ length: r.length / stride }, (_, k) => {
    const o = k * stride;
    return {
      b: r[o]!, objective: r[o + 1]!, gap: Number.isNaN(r[o + 2]!) ? null : r[o + 2]!, epochs: r[o + 3]!,
      converged: r[o + 4] === 1, reason: REASONS[r[o + 5]!]!, w: r.slice(o + FIT_HEAD, o + stride),
    };
  });
}
