// Robustness under distribution shift: train on the corpus's older collections (easy-ham-1,
// spam-1), test in distribution (a held-out part of the same collections), on the newer
// collections (easy-ham-2, spam-2) and on hard ham (ham that looks like spam). Each penalty's λ is
// chosen by CV on the older training part only; a nearly unregularized fit is the baseline.
import type { FitResult, ModelsApi } from '../cli/models-api.js';
import type { Engine } from '../engine/engine.js';
import { cvPath, PENALTIES, scoreFit, type CvRun, type CvSettings, type Data } from './cvfit.js';
import { split } from './evaluate.js';
import type { Progress } from './progress.js';
import { featurize, type TokenCorpus } from './spam.js';

export const OLD = ['easy-ham-1', 'spam-1'];
export const NEW = ['easy-ham-2', 'spam-2'];
export const HARD = ['hard-ham-1'];

/** One model's accuracy in distribution, on the newer collections and on hard ham. */
export interface ShiftRow {
  label: string;
  lambda: number;
  nnz: number;
  inDistribution: number;
  newer: number;
  /** Share of hard-ham messages kept as ham (all of them are ham). */
  hardHam: number;
  /** inDistribution − newer, in accuracy (a positive drop is a loss under shift). */
  drop: number;
}

export interface ShiftResult {
  sizes: { train: number; inDistribution: number; newer: number; hardHam: number };
  features: number;
  rows: ShiftRow[];
  runs: CvRun[];
  /** The baseline's λ relative to its path's λ_max. */
  baselineRatio: number;
}

function rowOf(label: string, lambda: number, fit: FitResult, sets: { inD: Data; newer: Data; hard: Data }): ShiftRow {
  const inDistribution = scoreFit(fit, sets.inD).accuracy, newer = scoreFit(fit, sets.newer).accuracy;
  return { label, lambda, nnz: fit.nnz, inDistribution, newer, hardHam: scoreFit(fit, sets.hard).accuracy, drop: inDistribution - newer };
}

/** Runs the shift experiment; needs messages from all five groups (`null` when a group is missing). */
export async function runShift(models: ModelsApi, engine: Engine, c: TokenCorpus, o: CvSettings & { minDocs: number }, say: Progress): Promise<ShiftResult | null> {
  const rowsIn = (groups: string[]) => c.groups.flatMap((g, i) => (groups.includes(g) ? [i] : []));
  const old = rowsIn(OLD), newer = rowsIn(NEW), hard = rowsIn(HARD);
  if ([...OLD, ...NEW, ...HARD].some((g) => !c.groups.includes(g))) return null;
  const [trainPos, testPos] = split(old.length, [0.8, 0.2], o.seed) as [number[], number[]];
  const train = trainPos.map((k) => old[k]!), inD = testPos.map((k) => old[k]!);
  const { vocab, part } = featurize(c, train, o.minDocs);
  const tr = part(train), sets = { inD: part(inD), newer: part(newer), hard: part(hard) };
  say(`shift: train on ${OLD.join(' + ')} (${train.length}), test on ${inD.length} held-out older, ${newer.length} newer ` +
    `(${NEW.join(' + ')}) and ${hard.length} hard-ham messages; ${vocab.tokens.length} features`);
  const runs: CvRun[] = [];
  const rows: ShiftRow[] = [];
  for (const spec of PENALTIES) {
    const run = await cvPath(models, engine, spec, tr, o, say, 'shift');
    runs.push(run);
    rows.push(rowOf(`${spec.short} at λ_1se`, run.lambdas[run.i1se]!, run.fits[run.i1se]!, sets));
  }
  // The ridge path's last fit (λ = its lambdaMinRatio·λ_max) is nearly unregularized; an exactly
  // unregularized logistic fit does not exist on separable data like this.
  const ridge = runs.find((r) => r.spec.penalty === 'l2')!;
  const last = ridge.lambdas.length - 1;
  rows.push(rowOf('nearly unregularized', ridge.lambdas[last]!, ridge.fits[last]!, sets));
  for (const r of rows)
    say(`shift: ${r.label}: accuracy ${(100 * r.inDistribution).toFixed(1)}% in distribution, ${(100 * r.newer).toFixed(1)}% on newer mail ` +
      `(drop ${(100 * r.drop).toFixed(1)} points), ${(100 * r.hardHam).toFixed(1)}% of hard ham kept, ${r.nnz} nonzero weights`);
  return {
    sizes: { train: train.length, inDistribution: inD.length, newer: newer.length, hardHam: hard.length },
    features: vocab.tokens.length, rows, runs, baselineRatio: ridge.lambdas[last]! / ridge.lambdas[0]!,
  };
}
