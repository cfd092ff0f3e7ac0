// The svmlight/libsvm reader of `shrinkage fit --svmlight`: CSR shape, one- and zero-based
// indices, FILE:LINE:COL for every malformed token, logistic labels, and an end-to-end fit whose
// coefficients match the same data given as CSV.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { MAX_INDEX, parseSvmlight, type SvmlightOptions } from '../src/cli/svmlight.js';
import { cli, thrownBy } from './support/cli.js';

const FIX = 'test/fixtures/cli';

const parseError = (text: string, opts: SvmlightOptions = {}) => thrownBy(() => parseSvmlight(text, 'mem.svm', opts));

describe('svmlight reader', () => {
  it('reads one-based indices into CSR (auto: no index 0 in the file)', () => {
    const d = parseSvmlight('1.5 1:2 3:4\n-2 2:5\n0\n', 'f');
    expect(d.indexBase).toBe(1);
    expect(d.X).toEqual({
      kind: 'csr', rows: 3, cols: 3, indptr: Int32Array.from([0, 2, 3, 3]),
      indices: Int32Array.from([0, 2, 1]), data: Float64Array.from([2, 4, 5]),
    });
    expect([...d.y]).toEqual([1.5, -2, 0]);
  });

  it('reads zero-based indices when the file has an index 0 (auto) or when told (--index-base 0)', () => {
    const auto = parseSvmlight('1 0:2 3:4\n0 1:1\n', 'f');
    expect([auto.indexBase, auto.X.cols, [...auto.X.indices]]).toEqual([0, 4, [0, 3, 1]]);
    const told = parseSvmlight('1 1:2 3:4\n', 'f', { indexBase: 0 });
    expect([told.indexBase, told.X.cols, [...told.X.indices]]).toEqual([0, 4, [1, 3]]);
    const one = parseSvmlight('1 1:2 3:4\n', 'f', { indexBase: 1 });
    expect([one.indexBase, one.X.cols, [...one.X.indices]]).toEqual([1, 3, [0, 2]]);
    expect(parseError('1 1:2\n0 0:1\n', { indexBase: 1 }).message).toContain('mem.svm:2:3: index 0 in a file read as one-based');
  });

  it('skips comments and blank lines, accepts CRLF, tabs, a BOM and ignores qid', () => {
    const d = parseSvmlight('\ufeff# header comment\r\n\r\n+1\tqid:3 2:1.5  7:-2 # trailing\r\n   \n-1 qid:3 1:1e-3\n', 'f');
    expect(d.X.rows).toBe(2);
    expect([...d.X.indptr]).toEqual([0, 2, 3]);
    expect([...d.X.indices]).toEqual([1, 6, 0]);
    expect([...d.X.data]).toEqual([1.5, -2, 1e-3]);
    expect([...d.y]).toEqual([1, -1]);
  });

  it('gives the same matrix whatever chunks the text arrives in', () => {
    const text = '# c\r\n1 1:2 3:4 # x\r\n\r\n-1 2:5\n0.5 qid:1 4:1e-2';
    const whole = parseSvmlight(text, 'f');
    for (let size = 1; size <= 9; size++) {
      const chunks: string[] = [];
      for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
      expect(parseSvmlight(chunks, 'f')).toEqual(whole);
    }
  });

  it('never densifies: a feature index of 3·10⁷ costs one stored value', () => {
    const d = parseSvmlight('1 30000000:1\n0 5:2\n', 'f');
    expect([d.X.cols, d.X.data.length, d.X.indices.length, [...d.X.indices]]).toEqual([30000000, 2, 2, [29999999, 4]]);
  });

  it.each([
    ['abc 1:2', ':1:1: label "abc" is not a number'],
    ['1,2 1:3', ':1:1: label "1,2": multi-label lines are not supported'],
    ['1:2 3:4', ':1:1: "1:2" where the label should be'],
    ['1e999 1:1', ':1:1: label "1e999" overflows float64'],
    ['1 x:2', ':1:3: index "x" is not a non-negative integer'],
    ['1 -1:2', ':1:3: index "-1" is not a non-negative integer'],
    ['1 1.5:2', ':1:3: index "1.5" is not a non-negative integer'],
    [`1 ${MAX_INDEX + 1}:2`, `:1:3: index ${MAX_INDEX + 1} is beyond ${MAX_INDEX}`],
    ['1 3:1 2:1', ':1:7: index 2 after 3: indices must increase along a line'],
    ['1 2:1 2:3', ':1:7: duplicate index 2 on this line'],
    ['1 2:abc', ':1:5: value "abc" of index 2 is not a number'],
    ['1 2:nan', ':1:5: value "nan" of index 2 is not a number'],
    ['1 2:0x10', ':1:5: value "0x10" of index 2 is not a number'],
    ['1 2:1e999', ':1:5: value "1e999" of index 2 overflows float64'],
    ['1 2:-1e400', ':1:5: value "-1e400" of index 2 overflows float64'],
    ['1 2', ':1:3: "2" has no \':\' (expected INDEX:VALUE)'],
    ['1 2:', ':1:5: index 2 has no value'],
    ['1 2:1 qid:4', ':1:7: "qid:4": a qid must come right after the label'],
    ['1 qid:x 2:1', ':1:3: "qid:x" is not qid:INTEGER'],
  ])('%j is refused with FILE:LINE:COL', (line, message) => {
    const e = parseError(`# ok\n\n0 1:1\n${line}\n`);
    expect(e.code).toBe('E_PARSE');
    // The bad line is line 4 of the file: comments and blank lines count.
    expect(e.message).toContain(`E_PARSE: mem.svm${message.replace(':1:', ':4:')}`);
  });

  it('refuses empty files, files of comments and files without features', () => {
    expect(parseError('').message).toContain('mem.svm:1:1: the file is empty');
    expect(parseError('# a\n\n# b\n').message).toContain('mem.svm:3:1: no data lines');
    expect(parseError('1\n0\n').message).toContain('mem.svm:1: no INDEX:VALUE pair on any line');
  });

  it('refuses values whose squares overflow float64 where they stand (E_RANGE)', () => {
    const e = parseError('1 1:1\n0 2:1e200\n');
    expect(e.code).toBe('E_RANGE');
    expect(e.message).toContain('mem.svm:2:5: value 1e+200 of feature 2: the sum of the squares of the values (‖X‖²) overflows float64');
    const labels = parseError('1e200 1:1\n');
    expect([labels.code, labels.message]).toEqual(['E_RANGE', expect.stringContaining("mem.svm:1:1: label 1e+200: the sum of the labels' squares overflows")]);
  });

  it('refuses a line longer than the limit at once, naming it', () => {
    expect(parseError('1 1:1\n1 ' + '2:1 '.repeat(50), { maxLine: 100 }).message).toContain('mem.svm:2:1: a line longer than 100 characters');
  });

  it('logistic labels: 0/1 kept, -1/+1 read as 0/1, anything else or a mix refused', () => {
    expect([...parseSvmlight('1 1:1\n0 1:2\n', 'f', { binary: true }).y]).toEqual([1, 0]);
    expect([...parseSvmlight('+1 1:1\n-1 1:2\n1.0 1:3\n', 'f', { binary: true }).y]).toEqual([1, 0, 1]);
    expect(parseError('1 1:1\n2 1:2\n', { binary: true }).message).toContain('mem.svm:2:1: label 2: logistic loss needs labels 0/1 or -1/+1');
    expect(parseError('1 1:1\n0 1:2\n-1 1:3\n', { binary: true }).message).toContain('mem.svm:3:1: label -1 mixes the 0/1 and -1/+1 encodings (line 2 has 0)');
  });
});

describe('shrinkage fit --svmlight', () => {
  const coefOf = (out: string) => JSON.parse(out) as { coef: Record<string, number>; intercept: number; nnz: number; cols: number; converged: boolean };

  it('fits the same coefficients as the same data given as CSV (squared loss)', async () => {
    const sv = await cli('fit', '--svmlight', join(FIX, 'sparse.svm'), '--alpha', '0.05', '--json', '--threads', '1');
    const csv = await cli('fit', '--csv', join(FIX, 'sparse.csv'), '--target', 'y', '--alpha', '0.05', '--json', '--threads', '1');
    expect([sv.code, sv.err, csv.code]).toEqual([0, '', 0]);
    const s = coefOf(sv.out), c = coefOf(csv.out);
    expect([s.cols, s.converged, s.nnz]).toEqual([6, true, c.nnz]);
    expect(s.intercept).toBeCloseTo(c.intercept, 9);
    // svmlight lists the nonzero coefficients by the file's index (one-based here: "1" is f1).
    for (let j = 1; j <= 6; j++) expect(s.coef[String(j)] ?? 0).toBeCloseTo(c.coef[`f${j}`]!, 9);
    expect(Object.keys(s.coef)).toHaveLength(s.nnz);
    expect(s.coef['1']).toBeGreaterThan(1.5); // y = 0.5 + 2·f1 − 1.5·f3 + f6 + noise
  });

  it('fits logistic loss on -1/+1 labels as on the 0/1 CSV, and the table lists nonzero coefficients', async () => {
    const args = ['--loss', 'logistic', '--lambda', '0.05', '--threads', '1'];
    const sv = coefOf((await cli('fit', '--svmlight', join(FIX, 'sparse-binary.svm'), ...args, '--json')).out);
    const csv = coefOf((await cli('fit', '--csv', join(FIX, 'sparse-binary.csv'), '--target', 'label', ...args, '--json')).out);
    for (let j = 1; j <= 6; j++) expect(sv.coef[String(j)] ?? 0).toBeCloseTo(csv.coef[`f${j}`]!, 8);
    const table = await cli('fit', '--svmlight', join(FIX, 'sparse-binary.svm'), ...args);
    expect(table.code).toBe(0);
    expect(table.out).toContain('(features not listed have coefficient 0; names are the file\'s feature indices)');
    const listed = table.out.split('\n').filter((l) => /^\d+\s/.test(l));
    expect(listed).toHaveLength(sv.nnz);
  });

  it('zero-based reading shifts the names, not the fit', async () => {
    const one = coefOf((await cli('fit', '--svmlight', join(FIX, 'sparse.svm'), '--alpha', '0.05', '--json', '--threads', '1')).out);
    const zero = await cli('fit', '--svmlight', join(FIX, 'sparse.svm'), '--index-base', '0', '--alpha', '0.05', '--json', '--threads', '1');
    const z = coefOf(zero.out);
    expect(z.cols).toBe(7); // index 0 is a column of zeros when the file is read as zero-based
    for (let j = 1; j <= 6; j++) expect(z.coef[String(j)] ?? 0).toBeCloseTo(one.coef[String(j)] ?? 0, 9);
  });

  it('errors are one line "shrinkage fit: E_PARSE: FILE:LINE:COL: …", exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shrinkage-svm-'));
    const file = join(dir, 'bad.svm');
    writeFileSync(file, '1 1:2\n0 3:1 2:5\n');
    const r = await cli('fit', '--svmlight', file, '--alpha', '1');
    expect([r.code, r.out, r.err]).toEqual([2, '', `shrinkage fit: E_PARSE: ${file}:2:7: index 2 after 3: indices must increase along a line\n`]);
    writeFileSync(file, '1 1:2\n1 3:1\n');
    const one = await cli('fit', '--svmlight', file, '--loss', 'logistic', '--alpha', '1');
    expect([one.code, one.err]).toEqual([2, `shrinkage fit: E_RANGE: ${file}: every one of the 2 labels is 1: logistic loss needs both classes\n`]);
    const missing = await cli('fit', '--svmlight', join(dir, 'nope.svm'), '--alpha', '1');
    expect([missing.code, missing.err]).toEqual([2, `shrinkage fit: E_TYPE: cannot read --svmlight ${join(dir, 'nope.svm')}: ENOENT\n`]);
    rmSync(dir, { recursive: true });
  });

  it.each([
    [['--svmlight', 'f', '--target', 'y', '--alpha', '1'], 'E_TYPE: --target applies to --csv only'],
    [['--svmlight', 'f', '--csv', 'g', '--alpha', '1'], 'E_TYPE: give either --csv FILE or --svmlight FILE, not both'],
    [['--svmlight', 'f', '--index-base', '2', '--alpha', '1'], 'E_TYPE: --index-base "2" must be one of auto, 0, 1'],
    [['--csv', 'f', '--target', 'y', '--index-base', '0', '--alpha', '1'], 'E_TYPE: --index-base applies to --svmlight only'],
  ])('usage %j', async (argv, message) => {
    const r = await cli('fit', ...argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`^shrinkage fit: ${message.replace(/[.*+?^${}()|[\]\\"]/g, '\\$&')}.*\n$`));
  });
});

const BIN = 'dist/src/cli/main.js';
describe.skipIf(!existsSync(BIN))('a 100 MB svmlight file without newlines', () => {
  it('is refused at its first 16 Mi characters, in bounded memory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shrinkage-big-svm-'));
    const file = join(dir, 'one-line.svm');
    writeFileSync(file, Buffer.alloc(100 * 1024 * 1024, '1 '));
    const script = join(dir, 'run.mjs');
    writeFileSync(script, `import { main } from ${JSON.stringify(join(process.cwd(), BIN))};
      let err = '';
      const code = await main(['fit', '--svmlight', ${JSON.stringify(file)}, '--alpha', '1'], { out: () => {}, err: (t) => { err += t; } });
      console.log(JSON.stringify({ code, err, maxRssMB: process.resourceUsage().maxRSS / 1024 }));`);
    const { stdout } = await promisify(execFile)(process.execPath, [script], { timeout: 120_000 });
    rmSync(dir, { recursive: true });
    const r = JSON.parse(stdout) as { code: number; err: string; maxRssMB: number };
    expect(r.code).toBe(2);
    expect(r.err).toBe(`shrinkage fit: E_PARSE: ${file}:1:1: a line longer than 16777216 characters (is the file split into lines?)\n`);
    expect(r.maxRssMB).toBeLessThan(600);
  }, 150_000);
});
