// The demo's tables as rows of strings, shared by the console (fixed-width text) and the report (HTML).
import { pctOf } from './cvfit.js';
import type { ShiftResult } from './shift.js';
import type { SpamResult } from './spam.js';
import type { SignalResult } from './synthetic.js';
import { num } from './svg.js';

const pct1 = (x: number) => `${(100 * x).toFixed(1)}%`;

/** The main table: every penalty at λ_min and at λ_1se. */
export function spamRows(r: SpamResult): string[][] {
  const d = r.vocabulary.length;
  const head = ['penalty', 'λ choice', 'λ', 'nonzero weights', 'CV error ± SE', 'test accuracy', 'test F1', 'CV time'];
  const rows = r.runs.flatMap((x) => ([['λ_min', x.iMin, x.testMin], ['λ_1se', x.i1se, x.test1se]] as const).map(([name, i, t]) => [
    x.spec.label, name, num(x.lambdas[i]!), `${x.nnz[i]} / ${d}`, `${pctOf(x.cvError[i]!)} ± ${pctOf(x.cvSe[i]!)}`,
    pct1(t.accuracy), t.f1.toFixed(3), `${x.seconds.toFixed(2)} s`,
  ]));
  return [head, ...rows];
}

/** The chosen L1 model refitted by itself on each backend (the speed comparison). */
export function refitRows(r: SpamResult): string[][] {
  return [
    ['L1 refit at λ_1se', 'backend', 'threads', 'iterations', 'time', 'objective'],
    ...r.refits.map((x) => ['1 fit, warm-started', x.backend, String(x.threads), String(x.fit.iterations), `${x.seconds.toFixed(3)} s`, x.fit.objective.toPrecision(8)]),
  ];
}

/** The shift experiment: accuracy in distribution, on newer mail and on hard ham. */
export function shiftRows(s: ShiftResult): string[][] {
  return [
    ['model', 'λ', 'nonzero weights', 'in distribution', 'newer mail', 'drop (points)', 'hard ham kept'],
    ...s.rows.map((r) => [r.label, num(r.lambda), `${r.nnz} / ${s.features}`, pct1(r.inDistribution), pct1(r.newer), (100 * r.drop).toFixed(1), pct1(r.hardHam)]),
  ];
}

export function syntheticRows(s: SignalResult[]): string[][] {
  return [
    ['true signal', 'L1 test MSE', 'L1 nonzeros', 'L2 test MSE', 'winner'],
    ...s.map((x) => [`${x.signal} (${x.trueNonzeros} nonzero)`, x.l1.testMse.toFixed(3), String(x.l1.nnz), x.l2.testMse.toFixed(3), x.winner]),
  ];
}

/** A fixed-width text table. */
export function textTable(rows: string[][]): string {
  const widths = rows[0]!.map((_, k) => Math.max(...rows.map((r) => [...(r[k] ?? '')].length)));
  const line = (r: string[]) => r.map((c, k) => c.padEnd(widths[k]!)).join('  ').trimEnd();
  return [line(rows[0]!), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}
