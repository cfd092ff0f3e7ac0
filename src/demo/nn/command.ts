// `shrinkage nn [--quick] [--out DIR]` (npm run demo:nn): the network demo, its own command so that
// `npm start` stays short.
import { parseArgs } from 'node:util';
import { parseOrUsage, UsageError, type Io } from '../../cli/args.js';
import { runDemoWith } from '../corpus.js';
import { NN_FULL, NN_QUICK, runNnDemo } from './run.js';

export const NN_HELP = `Usage: shrinkage nn [--quick] [--out DIR]

Trains a small MLP (784 → ${NN_FULL.nn.hidden} → 10) on MNIST digits with TensorFlow.js and shrinkage/tfjs's
optimizers: Adam + L2 against AdamW at matched strengths, L1 (decoupled and preconditioned) against
magnitude pruning, group lasso on hidden units (the network physically shrunk), and model.fit with
shrinkage's AdamW against tfjs's Adam. Prints the tables and writes DIR/nn-report.html (default
out/). Needs the repository's devDependencies (@tensorflow/tfjs, mnist): run it from a clone.

  --quick     ${NN_QUICK.train} training digits, ${NN_QUICK.nn.epochs} epochs, one decay strength (a few seconds)
  --out DIR   where nn-report.html goes (default: out)
  -h, --help  this text
`;

export async function runNnCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parseOrUsage('nn', () => parseArgs({ args: argv, strict: true, options: {
    quick: { type: 'boolean' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' },
  } }));
  if (values.help) {
    io.out(NN_HELP);
    return 0;
  }
  if (values.out === '') throw new UsageError('--out needs a directory');
  return runDemoWith('nn', io, () => runNnDemo({ ...(values.quick ? NN_QUICK : NN_FULL), outDir: values.out ?? 'out' }, io));
}
