// The report's charts, built from the experiments' results with svg.ts.
import type { CvRun } from './cvfit.js';
import type { ShiftResult } from './shift.js';
import type { SpamResult } from './spam.js';
import { color, dotPlot, linePlot, type Series } from './svg.js';

const MIN_COLOR = '#D55E00', ONE_SE_COLOR = '#009E73';

/** log₁₀(λ/λ_max) of every λ of a run: a common axis for penalties whose λ scales differ. */
const relLog = (run: CvRun) => run.lambdas.map((l) => Math.log10(l / run.lambdas[0]!));

/**
 * glmnet's classic CV plot and the bias–variance picture in one: CV error ± one standard error,
 * training error, and both choices of λ. The y axis stops at a few times the best CV error so the
 * differences that matter are visible; larger errors (near λ_max) leave through the top.
 */
export function cvChart(run: CvRun, majorityError: number): string {
  const x = relLog(run);
  const best = run.cvError[run.iMin]!;
  const top = Math.min(100 * majorityError * 1.05, Math.max(4 * 100 * best, 100 * (run.cvError[run.i1se]! + 2 * run.cvSe[run.i1se]!), 1));
  const series: Series[] = [
    { x, y: run.cvError.map((e) => 100 * e), err: run.cvSe.map((e) => 100 * e), color: '#0072B2', label: 'CV error ± SE', dots: true },
    { x, y: run.trainError.map((e) => 100 * e), color: '#555555', label: 'training error', dashed: true },
  ];
  const hlines = 100 * majorityError <= top ? [{ at: 100 * majorityError, color: '#999999', label: 'majority class' }] : [];
  return linePlot(series, {
    title: `${run.spec.label}: error vs λ`, xLabel: 'log₁₀(λ / λ_max)', yLabel: 'misclassification (%)', yRange: [0, top],
    markers: [
      { at: x[run.iMin]!, color: MIN_COLOR, label: `λ_min (${run.nnz[run.iMin]} nonzero)` },
      { at: x[run.i1se]!, color: ONE_SE_COLOR, label: `λ_1se (${run.nnz[run.i1se]} nonzero)` },
    ],
    hlines,
  });
}

/** Nonzero weights against log₁₀(λ/λ_max) for every penalty, λ_1se marked by a dot. */
export function nnzChart(runs: CvRun[]): string {
  const series: Series[] = runs.map((r, i) => ({ x: relLog(r), y: r.nnz, color: color(i), label: r.spec.label }));
  runs.forEach((r, i) => series.push({ x: [relLog(r)[r.i1se]!], y: [r.nnz[r.i1se]!], color: color(i), dots: true }));
  return linePlot(series, { title: 'Nonzero weights vs λ (dots: λ_1se)', xLabel: 'log₁₀(λ / λ_max)', yLabel: 'nonzero weights (log scale)', logY: true });
}

/** ‖w(λ)‖ / ‖w(λ_smallest)‖ in the penalty's own norm (L1 for lasso, L2 otherwise): ESL's shrinkage factor. */
export function shrinkageFactor(run: CvRun): number[] {
  const norm = (w: Float64Array) => (run.spec.penalty === 'l1' ? w.reduce((a, v) => a + Math.abs(v), 0) : Math.hypot(...w));
  const full = norm(run.fits.at(-1)!.coef) || 1;
  return run.fits.map((f) => norm(f.coef) / full);
}

/**
 * Coefficient paths of the traced features against the shrinkage factor, a common 0–1 axis for
 * L1 and L2 (their λ ranges differ by orders of magnitude).
 */
export function pathChart(run: CvRun, features: number[], tokens: string[]): string {
  const x = shrinkageFactor(run);
  const normName = run.spec.penalty === 'l1' ? '‖w‖₁' : '‖w‖₂';
  const series: Series[] = features.map((j, i) => ({ x, y: run.fits.map((f) => f.coef[j]!), color: color(i), label: tokens[j]! }));
  return linePlot(series, {
    title: `${run.spec.label} coefficient paths`, xLabel: `${normName} / ${normName} at the smallest λ`, yLabel: 'weight',
    markers: [{ at: x[run.i1se]!, color: '#444444', label: 'λ_1se (CV)' }],
  });
}

/** Features to trace: the largest |weight| of the L1 model at λ_1se. */
export function traced(r: SpamResult, k: number): number[] {
  const run = r.runs[0]!;
  const coef = run.fits[run.i1se]!.coef;
  return Array.from(coef.keys()).filter((j) => coef[j] !== 0).sort((a, b) => Math.abs(coef[b]!) - Math.abs(coef[a]!) || a - b).slice(0, k);
}

/** Accuracy of every shift model in distribution, on newer mail and on hard ham. */
export function shiftChart(s: ShiftResult): string {
  const cats = s.rows.map((r) => r.label === 'nearly unregularized' ? 'baseline' : r.label.replace(' at λ_1se', ''));
  const pctOf = (k: 'inDistribution' | 'newer' | 'hardHam') => s.rows.map((r) => 100 * r[k]);
  // Two panels: hard ham sits tens of points lower and would squash the differences that matter.
  return dotPlot(cats, [
    { label: 'in distribution', color: '#0072B2', values: pctOf('inDistribution') },
    { label: 'newer mail', color: '#D55E00', values: pctOf('newer') },
  ], { title: 'Accuracy in distribution and on newer mail', xLabel: 'model (λ by CV on the older mail)', yLabel: 'accuracy (%)' }) +
  dotPlot(cats, [{ label: 'hard ham kept as ham', color: '#009E73', values: pctOf('hardHam') }],
    { title: 'Hard ham kept as ham', xLabel: 'model (λ by CV on the older mail)', yLabel: 'hard ham kept (%)' });
}
