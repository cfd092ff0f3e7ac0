// `shrinkage bench`: runs the benchmark runner (bench/main.ts, compiled to dist/bench/main.js).
// The runner ships with the repository, not with the npm package, so it may be absent.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Io } from './args.js';

export const BENCH_HELP: string = `Usage: shrinkage bench [runner options]

Runs the benchmark suites (bench/main.ts, built to dist/bench/main.js). Every argument after
"bench" is passed to the runner; "shrinkage bench --help" shows the runner's own options when it is
present. The runner is part of the git repository, not of the published package: run
"npm run build && npx shrinkage bench" (or "npm run bench") in a clone.
`;

/** Candidate locations of the compiled runner, relative to this file (dist/src/cli or src/cli). */
export function benchRunnerPath(): string | undefined {
  for (const rel of ['../../bench/main.js', '../../dist/bench/main.js']) {
    const path = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(path)) return path;
  }
  return undefined;
}

/** Runs `shrinkage bench`; returns the runner's exit code, or 1 if there is no runner. */
export async function runBench(argv: string[], io: Io): Promise<number> {
  const path = benchRunnerPath();
  if (!path) {
    if (argv.includes('--help') || argv.includes('-h')) {
      io.out(BENCH_HELP);
      return 0;
    }
    io.err('shrinkage bench: the benchmark runner (dist/bench/main.js) is not in this installation; ' +
      'it ships with the git repository: clone it, then run "npm run build && npm run bench"\n');
    return 1;
  }
  const mod = (await import(pathToFileURL(path).href)) as { main?: (argv: string[]) => Promise<number> };
  if (typeof mod.main !== 'function') {
    io.err(`shrinkage bench: ${path} does not export main(argv)\n`);
    return 1;
  }
  return mod.main(argv);
}
