#!/usr/bin/env node
// The `shrinkage` command: fit | bench | info | demo | nn. Exit codes: 0 ok, 2 usage error or malformed
// input (one line on stderr), 1 anything unexpected (message and stack on stderr).
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ShrinkageError } from '../errors.js';
import { errorLine, INPUT_CODES, processIo, UsageError, type Io } from './args.js';
import { BENCH_HELP, runBench } from './bench.js';
import { runFit } from './fit.js';
import { FIT_HELP } from './fit-plan.js';
import { INFO_HELP, packageVersion, runInfo } from './info.js';

export const HELP: string = `Usage: shrinkage <command> [options]

Commands:
  demo    the spam-filter and synthetic L1-vs-L2 demo; writes out/report.html (npm start)
  nn      the neural-network demo (TensorFlow.js + shrinkage/tfjs); writes out/nn-report.html
  fit     fit a penalized linear/logistic model on a CSV or svmlight file; print the coefficients
  bench   run the benchmark suites (repository checkouts only)
  info    backend, threads, SIMD support and versions

"shrinkage <command> --help" describes each command. "shrinkage --version" prints the version.
Exit codes: 0 success, 2 bad arguments or malformed input, 1 unexpected error.
`;

async function dispatch(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'fit': return runFit(rest, io);
    case 'info': return runInfo(rest, io);
    case 'bench': return runBench(rest, io);
    case 'demo': {
      // The demos load their data and solvers lazily: `info` and `fit` do not pay for them.
      const demo = await demoModule(() => import('../demo/command.js'), 'demo', io);
      return demo ? demo.runDemoCommand(rest, io) : 1;
    }
    case 'nn': {
      const nn = await demoModule(() => import('../demo/nn/command.js'), 'nn', io);
      return nn ? nn.runNnCommand(rest, io) : 1;
    }
    case undefined:
      io.err(HELP);
      return 2;
    case '-h': case '--help': case 'help':
      io.out(command === 'help' && rest[0] ? helpFor(rest[0]) : HELP);
      return 0;
    case '-v': case '--version':
      io.out(`${packageVersion()}\n`);
      return 0;
    default:
      throw new UsageError(`unknown command ${JSON.stringify(command)} (commands: demo, nn, fit, bench, info; see shrinkage --help)`);
  }
}

/**
 * The demos ship only in the repository (their data are devDependencies, and the published package
 * leaves their code out): from an installed package, say where they run instead of a stack trace.
 */
async function demoModule<T>(load: () => Promise<T>, command: string, io: Io): Promise<T | undefined> {
  try {
    return await load();
  } catch (e) {
    if ((e as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw e;
    io.err(`shrinkage ${command}: the demos run from a clone of the repository (they need its devDependencies): ` +
      'git clone the repository, then npm install && npm start\n');
    return undefined;
  }
}

function helpFor(command: string): string {
  return ({ fit: FIT_HELP, info: INFO_HELP, bench: BENCH_HELP } as Record<string, string>)[command] ?? HELP;
}

const COMMANDS = ['fit', 'info', 'bench', 'demo', 'nn'];

/**
 * Runs the CLI with `argv` (without node and script); returns the exit code, never throws. Every
 * refusal is one line, "shrinkage COMMAND: E_CODE: message", with exit code 2.
 */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (e) {
    const command = COMMANDS.includes(argv[0]!) ? argv[0] : undefined;
    if (e instanceof UsageError) {
      io.err(`${errorLine(command, e.code, e.message)}\n`);
      return 2;
    }
    if (e instanceof ShrinkageError && INPUT_CODES.has(e.code)) {
      io.err(`${errorLine(command, e.code, e.message)}\n`);
      return 2;
    }
    io.err(`shrinkage: unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 1;
  }
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  process.exitCode = await main(process.argv.slice(2));
}
