// The self-contained out/report.html: inline CSS, hand-written SVG, every number from the run.
// The layout is responsive (charts side by side on a wide screen, one column on a phone) and is
// checked in headless Chromium at 1400 and 500 px by test/demo.browser.test.ts.
import { cvChart, nnzChart, pathChart, shiftChart, traced } from './charts.js';
import { constraintPicture } from './constraint.js';
import { pctOf } from './cvfit.js';
import type { Leakage } from './leakage.js';
import { LIST_TOKENS } from './leakage.js';
import type { ShiftResult } from './shift.js';
import { NEW, OLD } from './shift.js';
import type { SpamResult } from './spam.js';
import type { SignalResult } from './synthetic.js';
import { esc, num } from './svg.js';
import { refitRows, shiftRows, spamRows, syntheticRows } from './tables.js';

export interface ReportInput { spam: SpamResult; shift: ShiftResult | null; leakage: Leakage; synthetic: SignalResult[]; seconds: number }

export function htmlTable(rows: string[][], cls = ''): string {
  const [head, ...body] = rows;
  return `<div class="scroll"><table${cls ? ` class="${cls}"` : ''}><thead><tr>${head!.map((c) => `<th>${esc(c)}</th>`).join('')}</tr></thead><tbody>` +
    body.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('') + '</tbody></table></div>';
}

function tokenTable(title: string, tokens: [string, number][]): string {
  return htmlTable([['#', title, 'weight'], ...tokens.map(([w, v], i) => [String(i + 1), w, v.toFixed(2)])], 'tokens');
}

export const STYLE = `
body { font-family: sans-serif; max-width: 1400px; margin: 1.5em auto; padding: 0 16px; color: #222; line-height: 1.45; }
h1 { font-size: 1.6em; } h2 { margin-top: 1.6em; border-bottom: 1px solid #ddd; }
.scroll { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; margin: 0.8em 0; } th, td { border: 1px solid #ccc; padding: 3px 8px; text-align: right; }
th:first-child, td:first-child { text-align: left; } table.tokens td:nth-child(2) { text-align: left; font-family: monospace; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 540px), 1fr)); gap: 16px; align-items: start; }
.grid svg, .grid div { min-width: 0; } svg { display: block; max-width: 100%; height: auto; }
.lists { display: flex; flex-wrap: wrap; gap: 24px; } code { background: #f3f3f3; }
@media (max-width: 700px) { body { font-size: 14px; } table { font-size: 12px; } th, td { padding: 2px 4px; } }
`;

function shiftSection(s: ShiftResult | null): string {
  if (!s) return '<h2>Robustness under distribution shift</h2><p>Skipped: this slice of the corpus lacks one of its five collections.</p>';
  const regularized = s.rows.slice(0, -1), base = s.rows.at(-1)!;
  const best = [...s.rows].sort((a, b) => b.newer - a.newer)[0]!;
  const smallest = [...s.rows].sort((a, b) => a.drop - b.drop)[0]!;
  const beats = regularized.filter((r) => r.newer > base.newer).map((r) => r.label.replace(' at λ_1se', ''));
  return `<h2>Robustness under distribution shift</h2>
<p>The corpus holds older collections (${OLD.join(', ')}) and newer ones (${NEW.join(', ')}), and a hard-ham set of ham that
looks like spam. Every model is trained on ${s.sizes.train} older messages (λ by CV on them alone), then tested on
${s.sizes.inDistribution} held-out older messages (in distribution), on ${s.sizes.newer} newer messages (shift) and on
${s.sizes.hardHam} hard-ham messages (the share kept as ham). The baseline is the ridge path's last fit, λ = ${num(s.baselineRatio)}·λ_max:
nearly unregularized (an unregularized logistic fit does not exist on separable data like these).</p>
${htmlTable(shiftRows(s))}
<p>What this run shows: on newer mail the most accurate model is ${esc(best.label)} (${(100 * best.newer).toFixed(1)}%); the smallest drop
is ${esc(smallest.label)}'s (${(100 * smallest.drop).toFixed(1)} points), the baseline's drop is ${(100 * base.drop).toFixed(1)} points.
${beats.length ? `Under shift ${beats.join(', ')} beat${beats.length === 1 ? 's' : ''} the nearly unregularized baseline.` : 'Under shift no regularized model beats the nearly unregularized baseline here.'}
One split and one seed: differences of a point or less are within the noise of ${s.sizes.newer} test messages.</p>
<div class="grid">${shiftChart(s)}</div>`;
}

/** Says where a choice of λ is the last λ of its grid (the terminal says it too). */
function gridEdge(r: SpamResult): string {
  const last = (x: SpamResult['runs'][number]) => x.lambdas.length - 1;
  const edge = r.runs.filter((x) => x.iMin === last(x)).map((x) => x.spec.label);
  const edge1se = r.runs.filter((x) => x.i1se === last(x)).map((x) => x.spec.label);
  return (edge.length ? ` For ${edge.join(' and ')}, λ_min is the smallest λ of the grid: the CV error is flat or still falling there, so a
longer grid could move λ_min.` : ' Every λ_min lies inside its grid.') +
    (edge1se.length ? ` For ${edge1se.join(' and ')}, λ_1se is the smallest λ of the grid too.` : '');
}

/** The whole report as one HTML document (XHTML-style: every element closed). */
export function reportHtml(input: ReportInput): string {
  const { spam: r, leakage, synthetic: s, seconds } = input;
  const [l1, l2] = r.runs as [SpamResult['runs'][number], SpamResult['runs'][number]];
  const features = traced(r, 10);
  const picture = constraintPicture();
  const js = r.refits.find((x) => x.backend === 'js'), wasm = r.refits.find((x) => x.backend === 'wasm');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/>
<title>shrinkage demo: L1 vs L2 on real data</title>
<style>${STYLE}</style></head><body>
<h1>L1 vs L2 regularization on real mail</h1>
<p>Generated by <code>shrinkage demo</code> (<code>npm start</code>) in ${seconds.toFixed(1)} s. Every number below was computed in that run.</p>
<h2>Spam filter: logistic regression on the SpamAssassin corpus</h2>
<p>${r.messages} messages (${r.spam} spam), decoded with a MIME parser (multipart, quoted-printable and base64 text parts,
charsets; HTML turned into text), split ${r.sizes.train} / ${r.sizes.test} (train / test, seeded). Features: ${r.vocabulary.length}
binary token features (subject and body words in at least ${r.minDocs} training messages); ${r.featureNonzeros} nonzeros in the
training matrix. For each penalty the whole regularization path is fitted on the training split and λ is chosen by
cross-validation on it: <b>λ_min</b> has the lowest CV misclassification rate, <b>λ_1se</b> is the largest λ whose CV error is
within one standard error of that minimum (the sparser, more cautious choice). Both are scored once on the test split, where
always answering “ham” would err on ${pctOf(r.majorityError)}.</p>
${htmlTable(spamRows(r))}
${htmlTable(refitRows(r))}
${js && wasm ? `<p>The same L1 fit took ${wasm.seconds.toFixed(3)} s on the <code>wasm</code> engine (${wasm.threads} thread${wasm.threads > 1 ? 's' : ''}) and ${js.seconds.toFixed(3)} s on the plain-JS backend (${(js.seconds / wasm.seconds).toFixed(1)}× the time).</p>` : ''}
<h3>Choosing λ: cross-validation error, training error and sparsity</h3>
<p>Each chart shows the CV error with its standard error over the folds (glmnet's classic plot) and the error on the training data
itself: at large λ both are high (bias); as λ shrinks the training error falls to zero while the CV error flattens and turns up
(variance). The dashed verticals mark λ_min and λ_1se.${gridEdge(r)}</p>
<div class="grid">${r.runs.map((run) => cvChart(run, r.majorityError)).join('')}${nnzChart(r.runs)}</div>
<h3>Coefficient paths</h3>
<p>The ${features.length} tokens with the largest weights in the L1 model at λ_1se, traced along the L1 and the L2 path. The x axis
is each path's own norm relative to its least-regularized fit (0 = everything shrunk away, 1 = the smallest λ), a common scale for
penalties whose λ ranges differ. L1 brings weights in one at a time and holds the rest at exactly zero; L2 shrinks all of them
smoothly${l2.nnz.every((k) => k === r.vocabulary.length) ? ': at every λ of its path all ' + r.vocabulary.length + ' weights are nonzero' : ''}.</p>
<div class="grid">${pathChart(l1, features, r.vocabulary)}${pathChart(l2, features, r.vocabulary)}</div>
<h3>L1 as feature selection: the largest weights of the L1 model at λ_1se</h3>
<div class="lists">${tokenTable('spam token', r.topSpam)}${tokenTable('ham token', r.topHam)}</div>
<p><b>Leakage that decoding cannot remove.</b> Most ham in this corpus was collected from a few mailing lists, so list names and list
software in footers mark ham here without saying anything about spam elsewhere. Of all messages, ${pctOf(leakage.hamShare)} of ham and
${pctOf(leakage.spamShare)} of spam contain one of ${LIST_TOKENS.map((t) => `<code>${t}</code>`).join(', ')}; the L1 model gives
${leakage.used.length ? `nonzero weight to ${leakage.used.map(([t, w]) => `<code>${esc(t)}</code> (${w.toFixed(2)})`).join(', ')}` : 'none of them a nonzero weight'}.
The test accuracy above is therefore optimistic for mail from elsewhere; the shift experiment below measures part of that.</p>
${shiftSection(input.shift)}
<h2>Synthetic: the choice depends on the structure of the true signal</h2>
<p>Same design, noise and signal energy; a sparse true weight vector and a dense one. Squared loss, λ chosen on validation MSE for each penalty.</p>
${htmlTable(syntheticRows(s))}
<h2>Why L1 gives zeros: diamond vs circle</h2>
<p>Least-squares contours, the L1 ball (diamond) and the L2 ball (circle) of radius 1, and the constrained minimum on each,
computed by projected gradient: L1 at (${num(picture.l1[0])}, ${num(picture.l1[1])}), L2 at (${num(picture.l2[0])}, ${num(picture.l2[1])}).
${picture.l1.some((v) => v === 0) ? 'The contours first touch the diamond at a corner, where one coordinate is exactly zero; on the circle both stay nonzero.' : 'Here the L1 solution lies on an edge of the diamond, not at a corner.'}</p>
<div class="grid">${picture.svg}</div>
</body></html>
`;
}
