// The network demo's tables and out/nn-report.html (same conventions as the main report).
import { esc, color, dotPlot, linePlot, num, type Series } from '../svg.js';
import { htmlTable, STYLE } from '../report.js';
import type { NnResult } from './experiments.js';

const pct = (x: number) => `${(100 * x).toFixed(2)}%`;

export function nnRows(r: NnResult) {
  return {
    decay: [
      ['weightDecay', 'Adam + L2 (coupled)', '‖W1‖ after', 'AdamW (decoupled)', '‖W1‖ after'],
      ['0 (no regularization)', pct(r.baseline.final), r.baseline.stats.at(-1)!.norms.W1.toFixed(2), '', ''],
      ...r.decay.map((d) => [String(d.decay), pct(d.adamL2.final), d.adamL2.stats.at(-1)!.norms.W1.toFixed(2), pct(d.adamW.final), d.adamW.stats.at(-1)!.norms.W1.toFixed(2)]),
    ],
    l1: [
      ['L1 in Adam', 'λ', 'zeros in W1', 'zeros in W2', 'test accuracy', 'magnitude-pruned baseline'],
      ...r.l1.map((x) => [x.label, String(x.lambda), pct(x.zeros.W1), pct(x.zeros.W2), pct(x.accuracy), pct(x.pruned)]),
    ],
    groups: [
      ['group lasso λ', 'hidden units left', 'test accuracy', 'shrunk network', 'inference (shrunk)', 'inference (full)'],
      ...r.groups.map((g) => [String(g.lambda), `${g.kept} / ${r.options.hidden}`, pct(g.accuracy), pct(g.shrunkAccuracy), `${g.shrunkMs.toFixed(2)} ms`, `${g.fullMs.toFixed(2)} ms`]),
    ],
    fit: [['model.fit', 'test accuracy', 'time'], ...r.fit.map((f) => [f.label, pct(f.accuracy), `${f.seconds.toFixed(1)} s`])],
  };
}

function decayCharts(r: NnResult): string {
  const x = r.decay.map((d) => Math.log10(d.decay));
  const acc = linePlot([
    { x, y: r.decay.map((d) => 100 * d.adamL2.final), color: color(1), label: 'Adam + L2', dots: true },
    { x, y: r.decay.map((d) => 100 * d.adamW.final), color: color(0), label: 'AdamW', dots: true },
  ], { title: 'Test accuracy vs weightDecay', xLabel: 'log₁₀ weightDecay', yLabel: 'test accuracy (%)',
    hlines: [{ at: 100 * r.baseline.final, color: '#777777', label: 'no regularization' }] });
  const epochs = r.baseline.stats.map((s) => s.epoch);
  const series: Series[] = [{ x: epochs, y: r.baseline.stats.map((s) => s.norms.W1), color: '#777777', label: 'no regularization', dots: true }];
  r.decay.forEach((d, i) => series.push(
    { x: epochs, y: d.adamL2.stats.map((s) => s.norms.W1), color: color(i + 1), dashed: true, label: `Adam+L2 ${d.decay}`, dots: true },
    { x: epochs, y: d.adamW.stats.map((s) => s.norms.W1), color: color(i + 1), label: `AdamW ${d.decay}`, dots: true },
  ));
  const norms = linePlot(series, { title: 'Weight norm ‖W1‖ during training', xLabel: 'epoch', yLabel: '‖W1‖ (Frobenius)' });
  return `<div class="grid">${acc}${norms}</div>`;
}

function verdict(r: NnResult): string {
  const wins = r.decay.filter((d) => d.adamW.final > d.adamL2.final).length;
  const best = [...r.decay.flatMap((d) => [d.adamL2, d.adamW]), r.baseline].sort((a, b) => b.final - a.final)[0]!;
  const top = r.decay.at(-1)!;
  const end = (run: NnResult['baseline']) => `‖W1‖ = ${run.stats.at(-1)!.norms.W1.toFixed(2)} and ${pct(run.final)}`;
  return `AdamW is more accurate than Adam + L2 at ${wins} of ${r.decay.length} matched strength${r.decay.length === 1 ? '' : 's'}; the most
accurate run is “${esc(best.label)}” (${pct(best.final)}). At weightDecay ${top.decay}, Adam + L2 ends with ${end(top.adamL2)}, AdamW with
${end(top.adamW)} (no regularization: ${end(r.baseline)}). In Adam the L2 term is added to the gradient and divided by √v̂ with it:
where the loss gradient is small, √v̂ is small and the decay is amplified, so coupled L2 acts far more strongly than its nominal
weightDecay on the weights the data barely moves, and weakly on those it moves most. AdamW's decay is the same lr·weightDecay per
step for every weight. One seed, ${r.sizes.test} test digits: differences of a few tenths of a point are noise.`;
}

export function nnReportHtml(r: NnResult, run: { seconds: number; backend: string; tfjs: string }): string {
  const rows = nnRows(r), o = r.options;
  const l1Chart = dotPlot(r.l1.map((x) => x.label), [
    { label: 'L1 in training', color: color(0), values: r.l1.map((x) => 100 * x.accuracy) },
    { label: 'magnitude pruning', color: color(1), values: r.l1.map((x) => 100 * x.pruned) },
  ], { title: 'Sparse networks: L1 vs pruning after training', xLabel: 'same zeros per layer', yLabel: 'test accuracy (%)' });
  const groupChart = dotPlot(r.groups.map((g) => `λ ${num(g.lambda)}: ${g.kept} units`), [
    { label: 'trained network', color: color(0), values: r.groups.map((g) => 100 * g.accuracy) },
    { label: 'shrunk network', color: color(2), values: r.groups.map((g) => 100 * g.shrunkAccuracy) },
  ], { title: 'Group lasso: units removed', xLabel: 'group-lasso strength', yLabel: 'test accuracy (%)' });
  const [tfAdam, ours] = r.fit;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/>
<title>shrinkage network demo</title><style>${STYLE}</style></head><body>
<h1>Regularizing a neural network with shrinkage/tfjs</h1>
<p>Generated by <code>shrinkage nn</code> (<code>npm run demo:nn</code>) in ${run.seconds.toFixed(1)} s with TensorFlow.js ${esc(run.tfjs)} on its
<code>${esc(run.backend)}</code> backend. Every number below was computed in that run.</p>
<p>An MLP 784 → ${o.hidden} (ReLU) → 10 on ${r.sizes.train} MNIST digits (the <code>mnist</code> package), tested on ${r.sizes.test} others;
${o.epochs} epochs of mini-batches of ${o.batch}, lr ${o.lr}. Every run starts from the same seeded weights and sees the same batches,
so differences come from the optimizer alone. Biases get neither decay nor L1 (an optimizer group matched by name).</p>
<h2>Adam + L2 is not weight decay: AdamW at matched strengths</h2>
${htmlTable(rows.decay)}
<p>${verdict(r)}</p>
${decayCharts(r)}
<h2>L1: exact zeros, against pruning after training</h2>
<p>Adam with <code>l1</code>: the decoupled threshold lr·λ after each step, or the preconditioned one lr·λ/(√v̂ᵢ + ε) (the proximal
step in Adam's metric). The unregularized network is then magnitude-pruned to the same share of zeros per layer, without retraining.</p>
${htmlTable(rows.l1)}
<div class="grid">${l1Chart}</div>
<h2>Group lasso on hidden units: a smaller network</h2>
<p>A group lasso over each hidden unit's incoming weights (the columns of W1) zeroes whole units. Such a unit outputs the constant
relu(b1ⱼ), so it is removed and its contribution folded into the output bias: the network is physically smaller and computes the same
function (shrunk accuracy = trained accuracy). Inference: the median of 15 forward passes over the ${r.sizes.test} test digits.</p>
${htmlTable(rows.groups)}
<div class="grid">${groupChart}</div>
<h2>model.fit with a shrinkage optimizer</h2>
<p>The same network as a tfjs-layers model, compiled once with tfjs's <code>tf.train.adam</code> and once with shrinkage/tfjs's
<code>AdamW</code> (default weightDecay 0.01), trained by <code>model.fit</code> on the same batches.
${tfAdam && ours ? `The difference in test accuracy is ${(100 * Math.abs(tfAdam.accuracy - ours.accuracy)).toFixed(2)} points.` : ''}</p>
${htmlTable(rows.fit)}
</body></html>
`;
}
