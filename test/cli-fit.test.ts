// `shrinkage fit` as a user meets it: one error format in every command, messages in the user's
// terms (no library internals), redundant but consistent options accepted, threads capped to what
// the data can use, the --path header, the --cv summary and --cv-select, and plural words.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { usefulThreads } from '../src/cli/fit.js';
import { planFit } from '../src/cli/fit-plan.js';
import { cli } from './support/cli.js';
import { plural } from '../src/cli/words.js';

const LINEAR = 'test/fixtures/cli/linear.csv';
const BINARY = 'test/fixtures/cli/binary.csv';

type Json = { coef: Record<string, number>; intercept: number; penalty: string };
const json = async (...argv: string[]) => {
  const r = await cli('fit', ...argv, '--json', '--threads', '1');
  expect([r.code, r.err]).toEqual([0, '']);
  return JSON.parse(r.out) as Json;
};

describe('one error format: "shrinkage COMMAND: E_CODE: message"', () => {
  it.each([
    [['frobnicate'], 'shrinkage: E_TYPE: unknown command "frobnicate"'],
    [['info', '--bogus'], "shrinkage info: E_TYPE: Unknown option '--bogus'"],
    [['demo', '--bogus'], "shrinkage demo: E_TYPE: Unknown option '--bogus'"],
    [['demo', '--out', ''], 'shrinkage demo: E_TYPE: --out needs a directory'],
    [['fit', '--csv', LINEAR, '--target', 'y', '--alpha', '1', '--alpha', '2'], 'shrinkage fit: E_TYPE: --alpha is given twice with different values ("1" and "2")'],
    [['fit', '--csv', LINEAR, '--target', 'y', '--alpha', '1e400'], 'shrinkage fit: E_RANGE: --alpha "1e400" overflows float64'],
    [['fit', '--csv', LINEAR, '--target', 'y', '--alpha', '1', '--tol', '0'], 'shrinkage fit: E_RANGE: --tol "0" is not a number > 0'],
    [['fit', '--csv', LINEAR, '--target', 'y', '--alpha', '1', '--cv-select', '1se'], 'shrinkage fit: E_TYPE: --cv-select applies to --cv K only'],
    [['fit', '--csv', LINEAR, '--target', 'y', '--cv', '3', '--cv-select', 'max'], 'shrinkage fit: E_TYPE: --cv-select "max" must be one of min, 1se'],
  ])('%j', async (argv, line) => {
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(r.err.startsWith(line)).toBe(true);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('library internals do not leak: too many folds and a single class are said in the user\'s terms', async () => {
    const folds = await cli('fit', '--csv', LINEAR, '--target', 'y', '--cv', '41');
    expect([folds.code, folds.err]).toEqual([2, `shrinkage fit: E_RANGE: --cv 41 asks for more folds than the 40 rows of ${LINEAR}\n`]);
    const dir = mkdtempSync(join(tmpdir(), 'shrinkage-cli-fit-'));
    const file = join(dir, 'zeros.csv');
    writeFileSync(file, 'a,b,label\n1,2,0\n2,3,0\n3,1,0\n');
    const one = await cli('fit', '--csv', file, '--target', 'label', '--loss', 'logistic', '--alpha', '0.1');
    expect([one.code, one.err]).toEqual([2, `shrinkage fit: E_RANGE: ${file}: every one of the 3 labels is 0 (or -1): logistic loss needs both classes\n`]);
    rmSync(dir, { recursive: true });
  });

  it('a 1e999 cell names FILE:LINE:COL end to end', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shrinkage-cli-fit-'));
    const file = join(dir, 'inf.csv');
    writeFileSync(file, 'x,y\n1,2\n1e999,3\n');
    const r = await cli('fit', '--csv', file, '--target', 'y', '--alpha', '0.1');
    expect([r.code, r.err]).toEqual([2, `shrinkage fit: E_PARSE: ${file}:3:1: "1e999" in column "x" overflows float64 (|x| > 1.8e308)\n`]);
    rmSync(dir, { recursive: true });
  });
});

describe('redundant options', () => {
  it('consistent redundant values are accepted and change nothing', async () => {
    const base = await json('--csv', LINEAR, '--target', 'y', '--alpha', '0.1');
    for (const extra of [['--penalty', 'l1', '--l1-ratio', '1'], ['--l1-ratio', '1'], ['--alpha', '0.1']])
      expect((await json('--csv', LINEAR, '--target', 'y', '--alpha', '0.1', ...extra)).coef).toEqual(base.coef);
    const gl = await json('--csv', LINEAR, '--target', 'y', '--lambda', '0.1');
    const gl1 = await json('--csv', LINEAR, '--target', 'y', '--lambda', '0.1', '--glmnet-alpha', '1');
    expect([gl1.coef, gl1.penalty]).toEqual([gl.coef, 'l1']);
    expect((await json('--csv', LINEAR, '--target', 'y', '--penalty', 'l1', '--lambda', '0.1', '--glmnet-alpha', '1')).coef).toEqual(gl.coef);
    const ridge = await json('--csv', LINEAR, '--target', 'y', '--penalty', 'l2', '--alpha', '1');
    expect((await json('--csv', LINEAR, '--target', 'y', '--penalty', 'l2', '--l1-ratio', '0', '--alpha', '1')).coef).toEqual(ridge.coef);
    const plan = planFit(['--csv', 'f', '--target', 'y', '--glmnet-alpha', '0', '--path']);
    expect(plan !== 'help' && [plan.penalty, plan.l1Ratio]).toEqual(['l2', 0]);
  });

  it('inconsistent ones are refused, naming both', async () => {
    const r = await cli('fit', '--csv', LINEAR, '--target', 'y', '--penalty', 'l2', '--glmnet-alpha', '1', '--lambda', '1');
    expect([r.code, r.err]).toEqual([2, 'shrinkage fit: E_TYPE: --penalty l2 means --glmnet-alpha 0, but --glmnet-alpha 1 was given (for a mix use --penalty elasticnet)\n']);
  });

  it('logistic labels -1/+1 fit as 0/1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shrinkage-cli-fit-'));
    const file = join(dir, 'pm.csv');
    writeFileSync(file, readFileSync(BINARY, 'utf8').replace(/,0$/gm, ',-1'));
    const args = ['--target', 'label', '--loss', 'logistic', '--alpha', '0.01'];
    expect((await json('--csv', file, ...args)).coef).toEqual((await json('--csv', BINARY, ...args)).coef);
    rmSync(dir, { recursive: true });
  });
});

describe('threads', () => {
  it('are capped at what the data can use: CPUs, one per minimal shard of work, K + 1 paths for CV', () => {
    const min = 262144;
    expect(usefulThreads(160, 64, min).threads).toBe(1);
    expect(usefulThreads(160, 64, min).why).toContain('160 stored values are too few to share');
    expect(usefulThreads(1e8, 16, min)).toEqual({ threads: 16, why: 'this machine has 16 CPUs' });
    expect(usefulThreads(3 * min, 16, min).threads).toBe(3);
    expect(usefulThreads(1e8, 16, min, 6)).toEqual({ threads: 6, why: '--cv runs 6 paths, one per thread' });
  });

  it('--threads 64 on a 40-row fit uses one thread and says so', async () => {
    const r = await cli('fit', '--csv', LINEAR, '--target', 'y', '--alpha', '0.05', '--threads', '64', '--json');
    expect(r.code).toBe(0);
    expect(r.err).toBe('shrinkage fit: warning: --threads 64: using 1 thread, as 160 stored values are too few to share (the engine splits work from 262144 values on)\n');
  });
});

describe('what fit prints', () => {
  it('"1 iteration", not "1 iterations"', async () => {
    const one = await cli('fit', '--csv', LINEAR, '--target', 'y', '--alpha', '0.1', '--max-iter', '1', '--threads', '1');
    expect(one.out).toMatch(/, 1 iteration \(cd\), NOT converged\n$/);
    const many = await cli('fit', '--csv', LINEAR, '--target', 'y', '--alpha', '0.1', '--threads', '1');
    expect(many.out).toMatch(/, \d+ iterations \(cd\), converged\n$/);
  });

  it('--path prints a header naming the penalty, the λ convention and each column', async () => {
    const l1 = (await cli('fit', '--csv', LINEAR, '--target', 'y', '--path', '--threads', '1')).out.split('\n');
    expect(l1[0]).toBe("l1 path: squared loss + λ‖w‖₁; λ is glmnet's λ (scikit-learn's alpha)");
    expect(l1[1]).toMatch(/^100 values of λ from λ_max = [\d.]+ \(the smallest λ with every weight 0\) down to /);
    for (const col of ['lambda', 'nnz', 'objective', 'iterations', 'converged']) expect(l1.some((l) => l.startsWith(`  ${col} `))).toBe(true);
    expect(l1[7]).toBe('lambda        nnz  objective     iterations  converged');
    expect(l1[8]).toMatch(/^[\d.]+\s+0\s/);
    const en = (await cli('fit', '--csv', BINARY, '--target', 'label', '--loss', 'logistic', '--path', '--l1-ratio', '0.3', '--threads', '1')).out;
    expect(en.split('\n')[0]).toBe("elasticnet path: logistic loss + λ·(ρ‖w‖₁ + (1−ρ)/2·‖w‖₂²) with ρ = 0.3; λ is glmnet's λ (scikit-learn's alpha)");
    const l2 = (await cli('fit', '--csv', LINEAR, '--target', 'y', '--path', '--penalty', 'l2', '--standardize', '--threads', '1')).out;
    expect(l2).toMatch(/^l2 path: squared loss \+ \(λ\/2\)‖w‖₂², X standardized; .*\n.*glmnet's start for ridge/);
  });

  it('--cv prints the CV error and its standard error at λ_min and λ_1se; --cv-select picks the coefficients', async () => {
    type Cv = Json & { lambdaMin: number; lambda1se: number; cvErrorMin: number; cvSeMin: number; cvError1se: number; cvSe1se: number;
      lambdas: number[]; meanError: number[]; seError: number[]; select: string; lambda: number };
    const args = ['--csv', LINEAR, '--target', 'y', '--cv', '5'];
    const min = (await json(...args)) as Cv, oneSe = (await json(...args, '--cv-select', '1se')) as Cv;
    const iMin = min.lambdas.indexOf(min.lambdaMin), i1se = min.lambdas.indexOf(min.lambda1se);
    expect([min.cvErrorMin, min.cvSeMin, min.cvError1se, min.cvSe1se]).toEqual([min.meanError[iMin], min.seError[iMin], min.meanError[i1se], min.seError[i1se]]);
    expect(min.lambda1se).toBeGreaterThan(min.lambdaMin);
    expect([min.select, min.lambda, oneSe.select, oneSe.lambda]).toEqual(['min', min.lambdaMin, '1se', min.lambda1se]);
    // Each printed model is the full-data path's fit at that λ.
    const path = JSON.parse((await cli('fit', '--csv', LINEAR, '--target', 'y', '--path', '--json', '--threads', '1')).out) as { path: (Json & { lambda: number })[] };
    expect(path.path.map((p) => p.lambda)).toEqual(min.lambdas);
    expect(min.coef).toEqual(path.path[iMin]!.coef);
    expect(oneSe.coef).toEqual(path.path[i1se]!.coef);
    expect(oneSe.coef).not.toEqual(min.coef);

    const table = (await cli('fit', ...args, '--threads', '1')).out.split('\n');
    expect(table[0]).toBe('5-fold cross-validation (seed 1) over the l1 path: squared loss + λ‖w‖₁');
    expect(table[2]).toMatch(/^\s+lambda\s+cv mse\s+std\. error$/);
    expect(table[3]).toMatch(/^lambda_min\s+[\d.e-]+\s+[\d.e-]+\s+[\d.e-]+$/);
    expect(table[4]).toMatch(/^lambda_1se\s+[\d.e-]+\s+[\d.e-]+\s+[\d.e-]+$/);
    expect(table.join('\n')).toContain('coefficients at lambda_min = ');
    expect((await cli('fit', ...args, '--cv-select', '1se', '--threads', '1')).out).toContain('coefficients at lambda_1se = ');
  });
});

describe('counted words', () => {
  it('say "1 x" and "n xs" in every reader and printer', async () => {
    expect([plural(1, 'iteration'), plural(0, 'iteration'), plural(2, 'CPU')]).toEqual(['1 iteration', '0 iterations', '2 CPUs']);
    const dir = mkdtempSync(join(tmpdir(), 'shrinkage-cli-fit-'));
    const file = join(dir, 'ragged.csv');
    writeFileSync(file, 'a,b,y\n1,2,3\n4\n');
    expect((await cli('fit', '--csv', file, '--target', 'y', '--alpha', '1')).err).toContain(':3:2: ragged row: 1 field, the header has 3');
    writeFileSync(file, 'a,label\n1,1\n');
    expect((await cli('fit', '--csv', file, '--target', 'label', '--loss', 'logistic', '--alpha', '1')).err).toContain('the only label is 1: logistic loss needs both classes');
    rmSync(dir, { recursive: true });
  });
});
