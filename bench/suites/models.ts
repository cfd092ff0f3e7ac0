// Penalized models against glmnet and scikit-learn, on the same data, in the same run (issue 9):
//   spam-l1-path      L1-logistic path, 20 λ from λ_max to 1e-3·λ_max, the demo's SpamAssassin token
//                     features over all 6046 messages (binary CSR, tokens in ≥ 5 messages), default tol
//   spam-l1-path-std  the same with standardize: true (glmnet's default)
//   spam-l1-cv        5-fold cross-validation of spam-l1-path
//   dense-l1-path     lasso path, 100 λ to 1e-3·λ_max, 10000 × 1000 Gaussian AR(0.5) design,
//                     20-sparse truth, standardize: true
// Impls: wasm (threads 1), wasm-parallel (all threads), glmnet, sklearn (dense: lasso_path on the
// standardized design; spam: liblinear, which penalizes the intercept, so time only). The peers
// run as child processes on files written here and are skipped with a message where R or Python
// is missing. Every peer row's `detail` holds the objective comparison at the peer's own λ values:
// shrinkage fits the same λ, both objectives are computed by bench/models/objective.ts.
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, crossValidate, fitPath, type DenseMatrix, type Engine, type Matrix, type PathOptions } from '../../src/index.js';
import { columnMoments } from '../../src/models/design.js';
import { measure, type BenchContext, type Row, type Suite } from '../harness.js';
import { denseData, exportDatasets, spamData } from '../models/datasets.js';
import { dense, logisticObjective, ridgeLogisticObjective, standardizedLassoObjective, type SparseFit } from '../models/objective.js';
import { runGlmnet, runSklearn, type PeerRow } from '../models/peers.js';

interface Case {
  op: string;
  X: Matrix;
  y: Float64Array;
  opts: Omit<PathOptions, 'X' | 'y'>;
  cv?: boolean;
  /** Objective of a fit on the original data at λ (the path's parametrization). */
  objective: (w: Float64Array, b: number, lambda: number) => number;
}

async function cases(ctx: BenchContext): Promise<Case[]> {
  const out: Case[] = [];
  try {
    const spam = await spamData(ctx.quick ? 1200 : undefined);
    const sd = columnMoments(spam.X, true).sd;
    const base = { loss: 'logistic', penalty: 'l1', nLambda: 20, lambdaMinRatio: 1e-3 } as const;
    out.push(
      { op: 'spam-l1-path', X: spam.X, y: spam.y, opts: { ...base, standardize: false }, objective: (w, b, l) => logisticObjective(spam.X, spam.y, w, b, l) },
      { op: 'spam-l1-path-std', X: spam.X, y: spam.y, opts: { ...base, standardize: true }, objective: (w, b, l) => logisticObjective(spam.X, spam.y, w, b, l, sd) },
      { op: 'spam-l1-cv', X: spam.X, y: spam.y, opts: { ...base, standardize: false }, cv: true, objective: () => NaN },
      // Ridge to 10⁻⁵·λ_max: the small-λ end is where the classes separate and the fits get hard.
      { op: 'spam-l2-path', X: spam.X, y: spam.y, opts: { ...base, penalty: 'l2', lambdaMinRatio: 1e-5, standardize: false }, objective: (w, b, l) => ridgeLogisticObjective(spam.X, spam.y, w, b, l) },
    );
  } catch (e) {
    ctx.log(`skip spam rows: ${e instanceof Error ? e.message : String(e)}`);
  }
  const d = ctx.quick ? denseData(1000, 100, 10) : denseData();
  const sd = columnMoments(d.X, true).sd;
  out.push({
    op: 'dense-l1-path', X: d.X, y: d.y, opts: { penalty: 'l1', nLambda: 100, lambdaMinRatio: 1e-3, standardize: true },
    objective: (w, b, l) => standardizedLassoObjective(d.X, d.y, w, b, l, sd),
  });
  return out;
}

const run = (e: Engine, c: Case) => (c.cv ? crossValidate(e, { X: c.X, y: c.y, ...c.opts, folds: 5 }) : fitPath(e, { X: c.X, y: c.y, ...c.opts }));

/** Objectives of the peer's fits and of shrinkage's fits at the peer's λ values, and the worst relative excess of ours. */
async function compare(e: Engine, c: Case, fits: SparseFit[]): Promise<Record<string, unknown>> {
  const lambdas = fits.map((f) => f.lambda);
  const ours = await fitPath(e, { X: c.X, y: c.y, ...c.opts, lambdas });
  const peer = fits.map((f) => c.objective(dense(f, c.X.cols), f.intercept, f.lambda));
  const mine = ours.fits.map((f, k) => c.objective(f.coef, f.intercept, lambdas[k]!));
  const excess = mine.map((m, k) => (m - peer[k]!) / Math.abs(peer[k]!));
  return { lambdas, peerObjective: peer, objective: mine, maxRelExcess: Math.max(...excess), nnz: ours.fits.map((f) => f.nnz), peerNnz: fits.map((f) => f.idx.length) };
}

export const modelsSuite: Suite = {
  name: 'models',
  async run(ctx) {
    const rows: Row[] = [];
    const all = await cases(ctx);
    const threads = [...new Set([1, ...ctx.threads])].filter((t) => t <= availableParallelism());
    const grids: Record<string, number[]> = {};
    for (const t of threads) {
      const engine = await createEngine({ threads: t });
      try {
        for (const c of all) {
          const timing = await measure(() => run(engine, c), { quick: ctx.quick, iterations: ctx.quick ? 2 : 5, warmupIterations: 1, timeMs: 0 });
          const impl = t === 1 ? 'wasm' : 'wasm-parallel';
          ctx.log(`${c.op} ${impl} ×${t}: ${timing.median_ms.toFixed(0)} ms`);
          rows.push({ op: c.op, dtype: 'float64', n: c.X.rows, impl, threads: t, ...timing, gbps: null });
          if (!c.cv && t === 1) grids[c.op] = (await run(engine, c)).lambdas;
        }
      } finally {
        await engine.close();
      }
    }
    // Peers, after shrinkage (one process at a time on the machine), on files of the same data.
    const dir = join(tmpdir(), 'shrinkage-bench-models');
    const byOp = new Map(all.map((c) => [c.op, c]));
    const spam = byOp.get('spam-l1-path'), dn = byOp.get('dense-l1-path')!;
    exportDatasets(dir, spam && spam.X.kind === 'csr' ? { X: spam.X, y: spam.y } : undefined, { X: dn.X as DenseMatrix, y: dn.y });
    const reps = ctx.quick ? 1 : 5;
    const noPeers = process.env.SHRINKAGE_BENCH_NO_PEERS === '1';
    if (noPeers) ctx.log('skip peers: SHRINKAGE_BENCH_NO_PEERS=1');
    const peers = noPeers || !spam ? [] : [runGlmnet(dir, reps, ctx.log), runSklearn(dir, grids, ctx.quick ? 1 : 3, ctx.log)];
    const engine = await createEngine({ threads: 1 });
    try {
      for (const p of peers) {
        if (!p) continue;
        for (const r of p.rows as PeerRow[]) {
          const c = byOp.get(r.op);
          if (!c) continue;
          const detail: Record<string, unknown> = { version: p.version, times_s: r.times_s, ...(r.note ? { note: r.note } : {}) };
          if (r.fits && r.impl === 'glmnet') Object.assign(detail, await compare(engine, c, r.fits));
          // sklearn's fits with the same objective as ours (liblinear penalizes the intercept: time only).
          if (r.fits && r.impl === 'sklearn') Object.assign(detail, await compare(engine, c, r.fits));
          const ms = r.median_s * 1000;
          ctx.log(`${r.op} ${r.impl}: ${ms.toFixed(0)} ms${detail.maxRelExcess !== undefined ? `, shrinkage's objective − peer's ≤ ${(detail.maxRelExcess as number).toExponential(1)} relative` : ''}`);
          rows.push({ op: r.op, dtype: 'float64', n: c.X.rows, impl: r.impl, threads: 0, median_ms: ms, p90_ms: Math.max(...r.times_s) * 1000, gbps: null, detail });
        }
      }
    } finally {
      await engine.close();
    }
    return rows;
  },
};
