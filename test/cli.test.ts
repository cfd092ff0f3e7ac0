// The `shrinkage` CLI end to end: in-process through main(argv, io) (fast, no build needed) and,
// when dist/ is built (npm test builds first), once more as a real process for the exit codes.
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { parseNumericCsv, splitRecords } from '../src/cli/csv.js';
import { checkFinite } from '../src/cli/fit.js';
import { planFit } from '../src/cli/fit-plan.js';
import { benchRunnerPath } from '../src/cli/bench.js';
import { cli, thrownBy } from './support/cli.js';

const FIX = 'test/fixtures/cli';
const fixture = (name: string) => join(FIX, name);

const parseError = (text: string) => thrownBy(() => parseNumericCsv(text, 'mem.csv'));

describe('CSV reader', () => {
  it('handles quotes, CRLF, blank lines and reports the physical line of each record', () => {
    const recs = splitRecords('a,"b,""c"""\r\n1, 2 \r\n\r\n"x\ny",3\n', 'f');
    expect(recs).toEqual([
      { line: 1, fields: ['a', 'b,"c"'] },
      { line: 2, fields: ['1', '2'] },
      { line: 4, fields: ['x\ny', '3'] },
    ]);
  });

  it('parses numbers and refuses what Number() would silently accept', () => {
    const t = parseNumericCsv('a,b\n1e3,-.5\n+2,3.\n', 'f');
    expect(t.columns).toEqual(['a', 'b']);
    expect([...t.data]).toEqual([1000, -0.5, 2, 3]);
    for (const bad of ['0x10', 'Infinity', 'NaN', '', '1,5', '1 2']) {
      const e = parseError(`a,b\n1,2\n3,"${bad}"\n`);
      expect(e.code).toBe('E_PARSE');
      expect(e.message).toContain('mem.csv:3:2:');
    }
  });

  it('gives the same records whatever chunks the text arrives in (quotes, "", CRLF, BOM across boundaries)', () => {
    const text = '\ufeffa,"b,""c"""\r\n1, 2 \r\n\r\n"x\ny",3\n"",""""\r\n4,5';
    const whole = splitRecords(text, 'f');
    expect(whole).toHaveLength(5);
    for (let size = 1; size <= 9; size++) {
      const chunks: string[] = [];
      for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
      expect(splitRecords(chunks, 'f')).toEqual(whole);
    }
  });

  it('refuses a record longer than the limit at once, naming its line', () => {
    expect(() => splitRecords('a,b\n' + 'x'.repeat(100), 'f', 50)).toThrow('f:2:1: a record longer than 50 characters');
  });

  it('a cell that overflows float64 (1e999) is an E_PARSE error naming file, line and column', () => {
    const e = parseError('a,b\n1,2\n3,1e999\n');
    expect(e.code).toBe('E_PARSE');
    expect(e.message).toContain('mem.csv:3:2: "1e999" in column "b" overflows float64');
    expect(parseError('a,b\n-1e309,2\n').message).toContain('mem.csv:2:1:');
  });

  it('names line and column of ragged rows (short and long), empty files and unclosed quotes', () => {
    expect(parseError('a,b,c\n1,2,3\n4,5\n').message).toContain('mem.csv:3:3: ragged row: 2 fields, the header has 3');
    expect(parseError('a,b\n1,2\n3,4,5\n').message).toContain('mem.csv:3:3: ragged row: 3 fields');
    expect(parseError('').message).toContain('mem.csv:1:1: the file is empty');
    expect(parseError('a,b\n').message).toContain('mem.csv:2:1: no data rows');
    expect(parseError('a,b\n"1,2\n').message).toContain('mem.csv:2:1: a quoted field is not closed');
    expect(parseError('a,a\n1,2\n').message).toContain('mem.csv:1:2: duplicate column name "a"');
  });
});

describe('fit argument checks', () => {
  it('maps scikit-learn and glmnet conventions onto the penalty', () => {
    const sk = planFit(['--csv', 'f', '--target', 'y', '--penalty', 'elasticnet', '--alpha', '0.2', '--l1-ratio', '0.25']);
    expect(sk !== 'help' && sk.regularizer).toEqual({ kind: 'elasticNet', l1: 0.05, l2: expect.closeTo(0.075, 15) });
    const gl = planFit(['--csv', 'f', '--target', 'y', '--lambda', '0.1', '--glmnet-alpha', '0.5']);
    expect(gl !== 'help' && [gl.penalty, gl.standardize, gl.regularizer]).toEqual(['elasticnet', true, { kind: 'elasticNet', l1: 0.05, l2: 0.025 }]);
    const l2 = planFit(['--csv', 'f', '--target', 'y', '--penalty', 'l2', '--alpha', '1']);
    expect(l2 !== 'help' && [l2.regularizer, l2.standardize]).toEqual([{ kind: 'elasticNet', l1: 0, l2: 0.5 }, false]);
    const st = planFit(['--csv', 'f', '--target', 'y', '--path', '--standardize']);
    expect(st !== 'help' && [st.mode, st.standardize, st.l1Ratio]).toEqual(['path', true, 1]);
  });

  it.each([
    [['--csv', 'f', '--target', 'y'], 'give --alpha A or --lambda L'],
    [['--csv', 'f', '--target', 'y', '--alpha', '1', '--lambda', '1'], 'not both'],
    [['--csv', 'f', '--target', 'y', '--alpha=-1'], 'E_RANGE: --alpha "-1" is not a number >= 0'],
    [['--csv', 'f', '--target', 'y', '--alpha', '-1'], 'E_RANGE: --alpha "-1" is not a number >= 0'],
    [['--csv', 'f', '--target', 'y', '--lambda', '-.5'], 'E_RANGE: --lambda "-.5" is not a number >= 0'],
    [['--csv', 'f', '--target', 'y', '--alpha', '0x10'], 'E_TYPE: --alpha "0x10" is not a number >= 0 (plain decimal'],
    [['--csv', 'f', '--target', 'y', '--alpha', 'Infinity'], 'E_TYPE: --alpha "Infinity" is not a number'],
    [['--csv', 'f', '--target', 'y', '--alpha', '1', '--l1-ratio', '2'], 'is not a number in [0, 1]'],
    [['--csv', 'f', '--target', 'y', '--penalty', 'l1', '--l1-ratio', '0.5', '--alpha', '1'], 'E_TYPE: --penalty l1 means --l1-ratio 1, but --l1-ratio 0.5 was given'],
    [['--csv', 'f', '--target', 'y', '--cv', '1'], 'E_RANGE: --cv "1" is not an integer in [2, 1000]'],
    [['--csv', 'f', '--target', 'y', '--path', '--alpha', '1'], 'chooses λ itself'],
    [['--csv', 'f', '--target', 'y', '--loss', 'hinge', '--alpha', '1'], 'must be one of squared, logistic'],
    [['--csv', 'f', '--target', 'y', '--bogus'], "Unknown option '--bogus'"],
  ])('usage error %j → exit 2, one line', async (argv, message) => {
    const r = await cli('fit', ...argv);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.err).toMatch(/^shrinkage fit: E_[A-Z_]+: /);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.out).toBe('');
  });
});

describe('shrinkage fit on files', () => {
  it.each([
    ['ragged.csv', ['--target', 'y'], ':3:3: ragged row'],
    ['non-numeric.csv', ['--target', 'y'], ':4:2: "abc" in column "x2" is not a number'],
    ['empty.csv', ['--target', 'y'], ':1:1: the file is empty'],
    ['quoted-empty-cell.csv', ['--target', 'y'], ':5:2: an empty cell in column "x,2" is not a number'],
    ['linear.csv', ['--target', 'nope'], ':1: target column "nope" is not in the header (columns: x1, x2, x3, x4, y)'],
    ['bad-label.csv', ['--target', 'label', '--loss', 'logistic'], ':3:3: target "label": label 2: logistic loss needs labels 0/1 or -1/+1'],
  ])('malformed %s → exit 2 naming file, line and column', async (file, args, message) => {
    const r = await cli('fit', '--csv', fixture(file), '--alpha', '0.1', ...args);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`shrinkage fit: E_PARSE: ${fixture(file)}${message}`);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('a missing file is a usage error', async () => {
    const r = await cli('fit', '--csv', fixture('nope.csv'), '--target', 'y', '--alpha', '1');
    expect([r.code, r.err]).toEqual([2, `shrinkage fit: E_TYPE: cannot read --csv ${fixture('nope.csv')}: ENOENT\n`]);
  });

  it('data whose squares overflow float64 exits 2 naming the cell (single fit, --path, --cv), never printing Infinity', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shrinkage-cli-'));
    const file = join(dir, 'huge.csv');
    writeFileSync(file, 'x,z,y\n1,2,1\n1e308,-1,2\n-3,1e300,3\n2,1,4\n');
    for (const mode of [['--alpha', '0.1'], ['--path'], ['--cv', '2']]) {
      const r = await cli('fit', '--csv', file, '--target', 'y', '--threads', '1', ...mode);
      expect([r.code, r.out]).toEqual([2, '']);
      expect(r.err).toBe(`shrinkage fit: E_RANGE: ${file}:3:1: column "x" holds 1e+308: the sum of its squares overflows float64, which the fit needs; rescale the column\n`);
    }
    rmSync(dir, { recursive: true });
  });

  it('a fit that overflows inside the solver is refused with E_NOT_FINITE naming the value', () => {
    expect(() => checkFinite([['intercept', 1], ['objective', NaN]])).toThrow(expect.objectContaining({ code: 'E_NOT_FINITE', message: expect.stringContaining('objective = NaN') }));
    expect(() => checkFinite([['lambda[3]', Infinity]])).toThrow('lambda[3] = Infinity');
    checkFinite([['coef[0]', -1e300]]);
  });

  it('fits a lasso and prints a coefficient table', async () => {
    const r = await cli('fit', '--csv', fixture('linear.csv'), '--target', 'y', '--alpha', '0.05', '--threads', '1');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^\(intercept\)\s+\S+/m);
    for (const f of ['x1', 'x2', 'x3', 'x4']) expect(r.out).toMatch(new RegExp(`^${f}\\s+-?[0-9.e+-]+$`, 'm'));
  });

  it('--json output parses and recovers the signal (y = 1 + 3·x1 − 2·x2 + noise)', async () => {
    const r = await cli('fit', '--csv', fixture('linear.csv'), '--target', 'y', '--alpha', '0.05', '--json', '--threads', '1');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { coef: Record<string, number>; intercept: number; nnz: number; converged: boolean; features: string[] };
    expect(j.features).toEqual(['x1', 'x2', 'x3', 'x4']);
    expect(j.converged).toBe(true);
    // Lasso shrinks each active weight by about α (orthogonal-design intuition); irrelevant ones stay small.
    expect(j.coef.x1).toBeGreaterThan(2.7);
    expect(j.coef.x2).toBeLessThan(-1.7);
    expect(Math.abs(j.coef.x3!)).toBeLessThan(0.1);
    expect(Math.abs(j.intercept - 1)).toBeLessThan(0.2);
  });

  it('--penalty l2 never zeroes a weight; logistic --path and --cv run', async () => {
    const l2 = JSON.parse((await cli('fit', '--csv', fixture('linear.csv'), '--target', 'y', '--penalty', 'l2', '--alpha', '1', '--json', '--threads', '1')).out);
    expect(l2.nnz).toBe(4);
    const path = await cli('fit', '--csv', fixture('binary.csv'), '--target', 'label', '--loss', 'logistic', '--path', '--json', '--threads', '1');
    expect(path.code).toBe(0);
    const p = JSON.parse(path.out) as { path: { lambda: number; nnz: number }[] };
    expect(p.path.length).toBeGreaterThan(2);
    expect(p.path[0]!.nnz).toBe(0);
    expect(p.path.at(-1)!.nnz).toBe(2);
    const cv = await cli('fit', '--csv', fixture('binary.csv'), '--target', 'label', '--loss', 'logistic', '--cv', '3', '--json', '--threads', '1');
    expect(cv.code).toBe(0);
    const c = JSON.parse(cv.out) as { lambdaMin: number; lambda1se: number; coef: Record<string, number> };
    expect(c.lambda1se).toBeGreaterThanOrEqual(c.lambdaMin);
    expect(c.coef.a).toBeGreaterThan(0);
  });
});

describe('other commands', () => {
  it('info --json reports backend, threads, SIMD and versions', async () => {
    const r = await cli('info', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ backend: 'wasm', wasmSimd: true, node: process.versions.node, v8: process.versions.v8 });
    expect(j.shrinkage).toMatch(/^\d+\.\d+\.\d+/);
    expect(j.threads).toBeGreaterThanOrEqual(1);
  });

  it('an unexpected failure exits 1 with the stack on stderr', async () => {
    let err = '';
    const code = await main(['info'], { out: () => { throw new Error('stdout closed'); }, err: (t) => void (err += t) });
    expect(code).toBe(1);
    expect(err).toMatch(/^shrinkage: unexpected error: Error: stdout closed\n\s+at /);
  });

  it('every command has --help; unknown commands are usage errors', async () => {
    for (const c of ['fit', 'info', 'demo']) {
      const r = await cli(c, '--help');
      expect([r.code, r.out.startsWith(`Usage: shrinkage ${c}`)]).toEqual([0, true]);
    }
    expect((await cli('--help')).out).toContain('Commands:');
    const r = await cli('frobnicate');
    expect([r.code, r.err]).toEqual([2, expect.stringContaining('unknown command "frobnicate"')]);
    expect((await cli()).code).toBe(2);
  });
});

describe.skipIf(benchRunnerPath() !== undefined)('bench without the runner (as in an installed package)', () => {
  it('says where the runner lives and exits 1; --help still works', async () => {
    const r = await cli('bench', '--json', 'x.json');
    expect(r.code).toBe(1);
    expect(r.err).toContain('the benchmark runner (dist/bench/main.js) is not in this installation');
    expect((await cli('bench', '--help')).out).toContain('Usage: shrinkage bench');
  });
});

const BIN = 'dist/src/cli/main.js';
describe.skipIf(!existsSync(BIN))('built binary (dist)', () => {
  it('exits 0 on --help, 2 on a malformed CSV with file:line:column on stderr', () => {
    const ok = spawnSync(process.execPath, [BIN, 'fit', '--help'], { encoding: 'utf8' });
    expect([ok.status, ok.stdout.startsWith('Usage: shrinkage fit')]).toEqual([0, true]);
    const bad = spawnSync(process.execPath, [BIN, 'fit', '--csv', fixture('ragged.csv'), '--target', 'y', '--alpha', '1'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain(`${fixture('ragged.csv')}:3:3: ragged row`);
  });
});

describe.skipIf(!existsSync(BIN))('a 100 MB CSV without newlines', () => {
  it('is refused at its first 16 Mi characters, in bounded memory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shrinkage-big-'));
    const file = join(dir, 'one-line.csv');
    writeFileSync(file, Buffer.alloc(100 * 1024 * 1024, '1,'));
    const script = join(dir, 'run.mjs');
    writeFileSync(script, `import { main } from ${JSON.stringify(join(process.cwd(), BIN))};
      let err = '';
      const code = await main(['fit', '--csv', ${JSON.stringify(file)}, '--target', 'y', '--alpha', '1'], { out: () => {}, err: (t) => { err += t; } });
      console.log(JSON.stringify({ code, err, maxRssMB: process.resourceUsage().maxRSS / 1024 }));`);
    const { stdout } = await promisify(execFile)(process.execPath, [script], { timeout: 120_000 });
    rmSync(dir, { recursive: true });
    const r = JSON.parse(stdout) as { code: number; err: string; maxRssMB: number };
    expect(r.code).toBe(2);
    expect(r.err).toContain(`shrinkage fit: E_PARSE: ${file}:1:`);
    expect(r.err).toContain('a record longer than 16777216 characters');
    expect(r.maxRssMB).toBeLessThan(600);
  }, 150_000);
});
