// Runs the peer scripts (bench/peers/glmnet_models.R, sklearn_models.py) on the exported data
// sets in the same benchmark run, and reads their JSON. A peer whose interpreter or library is
// missing is skipped with the reason: benchmarks never depend on them.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SparseFit } from './objective.js';

export interface PeerRow {
  op: string;
  impl: string;
  median_s: number;
  times_s: number[];
  fits?: SparseFit[];
  note?: string;
}

export interface PeerResult {
  rows: PeerRow[];
  version: string;
}

const PEERS_DIR = new URL('../../../bench/peers/', import.meta.url);

function run(cmd: string, args: string[], log: (s: string) => void): boolean {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 30, timeout: 20 * 60_000 });
  if (r.error) {
    log(`skip ${cmd}: ${(r.error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not installed' : r.error.message}`);
    return false;
  }
  if (r.status !== 0) {
    log(`skip ${cmd} ${args[0]}: exit ${r.status}: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' | ')}`);
    return false;
  }
  return true;
}

/** glmnet (Rscript + r-cran-glmnet): spam paths (standardize off/on), 5-fold CV, dense path. */
export function runGlmnet(dir: string, reps: number, log: (s: string) => void): PeerResult | undefined {
  const out = join(dir, 'glmnet.json');
  if (!run('Rscript', [new URL('glmnet_models.R', PEERS_DIR).pathname, dir, out, String(reps)], log) || !existsSync(out)) return undefined;
  const d = JSON.parse(readFileSync(out, 'utf8'));
  return { rows: d.rows, version: `glmnet ${d.glmnet} (${d.R})` };
}

/** scikit-learn (/usr/bin/python3 + python3-sklearn) on the λ grids shrinkage used. */
export function runSklearn(dir: string, grids: Record<string, number[]>, reps: number, log: (s: string) => void): PeerResult | undefined {
  const gridFile = join(dir, 'grids.json'), out = join(dir, 'sklearn.json');
  writeFileSync(gridFile, JSON.stringify(grids));
  const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
  if (!run(python, [new URL('sklearn_models.py', PEERS_DIR).pathname, dir, gridFile, out, String(reps)], log) || !existsSync(out)) return undefined;
  const d = JSON.parse(readFileSync(out, 'utf8'));
  return { rows: d.rows, version: `scikit-learn ${d.sklearn} (numpy ${d.numpy})` };
}
