// Smoke test of the benchmark tooling (no timing is asserted): the runner's --quick run writes a
// well-formed result file, and the report script turns it into REPORT.md, SVGs and a README table.
// The runner's progress log (stderr) and result table (stdout), a few hundred lines, are captured
// and checked here instead of landing in the middle of the test report.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main, parseArgs, parseSize } from '../bench/main.js';
import type { Row } from '../bench/harness.js';

const ROOT = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'shrinkage-bench-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the bench runner with its stdout and stderr writes captured (not printed). */
async function quietly(argv: string[]): Promise<{ code: number; out: string; log: string }> {
  let out = '';
  let log = '';
  const capture = (append: (s: string) => void) => (chunk: string | Uint8Array, ...rest: unknown[]) => {
    append(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    done?.();
    return true;
  };
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(capture((s) => (out += s)) as typeof process.stdout.write);
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(capture((s) => (log += s)) as typeof process.stderr.write);
  try {
    return { code: await main(argv), out, log };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

describe('bench runner', () => {
  it('parses sizes and options', () => {
    expect(parseSize('4K')).toBe(4096);
    expect(parseSize('16M')).toBe(1 << 24);
    expect(() => parseSize('abc')).toThrow(/bad size/);
    expect(parseArgs(['--threads', '1,2', '--sizes', '1K,2K', '--suite', 'kernels'])).toMatchObject({ threads: [1, 2], sizes: [1024, 2048], suites: ['kernels'] });
    expect(() => parseArgs(['--suite', 'nope'])).toThrow(/unknown suite/);
  });

  it('writes rows for js, wasm and the copy with --quick, and the report renders them', async () => {
    const file = join(dir, 'quick.json');
    const { code, out, log } = await quietly(['--quick', '--suite', 'kernels', '--threads', '1', '--sizes', '1K,4K', '--json', file]);
    expect(code).toBe(0);
    const { header, rows } = JSON.parse(readFileSync(file, 'utf8')) as { header: Record<string, unknown>; rows: Row[] };
    // The log names the run, each suite and the file written; the table has a line per op, size and dtype.
    expect(log).toMatch(/^shrinkage bench on .+; sizes 1K,4K; threads 1\n/);
    expect(log).toContain('== suite kernels\n');
    expect(log).toMatch(/== suite kernels done in [\d.]+ s\n/);
    expect(log).toContain(`wrote ${rows.length} rows to ${file}\n`);
    expect(out).toMatch(/^prox\/l1 +float32 +4K /m);
    expect(out).toMatch(/^prox\/l1 +float64 +1K /m);
    expect(header).toMatchObject({ cores: expect.any(Number), node: process.version, quick: true });
    for (const r of rows) {
      expect(Object.keys(r).sort()).toEqual(['dtype', 'gbps', 'impl', 'median_ms', 'n', 'op', 'p90_ms', 'threads']);
      expect(r.median_ms).toBeGreaterThan(0);
      expect(r.p90_ms).toBeGreaterThanOrEqual(r.median_ms);
    }
    for (const impl of ['js', 'wasm', 'copy']) {
      for (const dtype of ['float32', 'float64']) expect(rows.some((r) => r.impl === impl && r.dtype === dtype && r.op === (impl === 'copy' ? 'copy' : 'prox/l1'))).toBe(true);
    }
    const readme = join(dir, 'README.md');
    writeFileSync(readme, '# x\n\n## Benchmarks\n\n<!-- bench:start -->\nold\n<!-- bench:end -->\ntail\n');
    execFileSync(process.execPath, ['scripts/bench-report.mjs', file, '--out', join(dir, 'out'), '--readme', readme], { cwd: ROOT, stdio: 'ignore' });
    const report = readFileSync(join(dir, 'out', 'REPORT.md'), 'utf8');
    expect(report).toContain('| prox/l1 | 4K |');
    expect(report).toContain(String(header.cpu));
    const svg = readFileSync(join(dir, 'out', 'time-vs-n-f32.svg'), 'utf8');
    expect(svg).toMatch(/^<svg[^>]+xmlns/);
    expect(svg).toContain(`Node ${process.version}`);
    const md = readFileSync(readme, 'utf8');
    expect(md).not.toContain('\nold\n');
    expect(md).toContain('tail');
    expect(md).toContain('No 1M or 16M float32 rows');
  });
});

describe('pool and prune suites', () => {
  it('time inline, sharded and auto mode interleaved, log the auto-mode verdict, and render the parallel-engine tables', async () => {
    const file = join(dir, 'pool.json');
    const { code, log } = await quietly(['--quick', '--suite', 'pool,prune', '--threads', '2', '--sizes', '4K', '--json', file]);
    expect(code).toBe(0);
    const { rows } = JSON.parse(readFileSync(file, 'utf8')) as { rows: Row[] };
    for (const op of ['prox-l1', 'stats-pool', 'addPenaltyGrad-l1']) {
      for (const impl of ['wasm', 'wasm-parallel', 'wasm-auto', 'wasm-twin']) expect(rows.some((r) => r.op === op && r.impl === impl && r.n === 1024)).toBe(true);
    }
    for (const dtype of ['float32', 'float64']) {
      for (const impl of ['wasm', 'wasm-parallel', 'wasm-auto']) expect(rows.some((r) => r.op === 'prune-pool/group' && r.dtype === dtype && r.impl === impl)).toBe(true);
    }
    expect(log.match(/auto mode within 10% of the faster of inline and sharded in \d+ of \d+ rows/g)).toHaveLength(2);
    expect(log).toMatch(/the same code on two one-thread engines differed by \d+% \(median\)/);
    execFileSync(process.execPath, ['scripts/bench-report.mjs', join(dir, 'quick.json'), '--pool', file, '--out', join(dir, 'out3'), '--no-readme'], { cwd: ROOT, stdio: 'ignore' });
    const report = readFileSync(join(dir, 'out3', 'REPORT.md'), 'utf8');
    expect(report).toContain('## Parallel engine');
    expect(report).toContain('QUICK run');
    expect(report).toMatch(/\| prox-l1 \| 1K \| [\d.]+ \| [\d.]+ \| [\d.]+ \| [\d.]+ \|/);
    expect(report).toMatch(/\| groups of 64 \| float64 \| 4K \|/);
    expect(report).toMatch(/Auto mode was within 10% of the faster of inline and sharded in \*\*\d+ of 12\*\* rows/);
    const doc = join(dir, 'parallel.md');
    writeFileSync(doc, '# p\n<!-- pool:start -->\nold\n<!-- pool:end -->\ntail\n');
    execFileSync(process.execPath, ['scripts/bench-pool.mjs', file, doc], { cwd: ROOT, stdio: 'ignore' });
    const md = readFileSync(doc, 'utf8');
    expect(md).not.toContain('\nold\n');
    expect(md).toContain('| forkjoin-wake |');
    expect(md).toContain('tail');
  });
});

describe('models suite', () => {
  it('writes shrinkage rows with --quick (peers off) and the report renders its Models section', async () => {
    const file = join(dir, 'models.json');
    process.env.SHRINKAGE_BENCH_NO_PEERS = '1';
    let run: Awaited<ReturnType<typeof quietly>>;
    try {
      run = await quietly(['--quick', '--suite', 'models', '--threads', '1', '--json', file]);
    } finally {
      delete process.env.SHRINKAGE_BENCH_NO_PEERS;
    }
    expect(run.code).toBe(0);
    expect(run.log).toContain('== suite models\n');
    const { rows } = JSON.parse(readFileSync(file, 'utf8')) as { rows: Row[] };
    for (const op of ['spam-l1-path', 'spam-l1-cv', 'dense-l1-path']) expect(run.out).toMatch(new RegExp(`^${op} `, 'm'));
    const ops = new Set(rows.map((r) => r.op));
    for (const op of ['spam-l1-path', 'spam-l1-cv', 'dense-l1-path']) expect(ops.has(op)).toBe(true);
    expect(rows.every((r) => r.impl === 'wasm' && r.median_ms > 0)).toBe(true);
    execFileSync(process.execPath, ['scripts/bench-report.mjs', join(dir, 'quick.json'), '--models', file, '--out', join(dir, 'out2'), '--no-readme'], { cwd: ROOT, stdio: 'ignore' });
    const report = readFileSync(join(dir, 'out2', 'REPORT.md'), 'utf8');
    expect(report).toContain('## Models');
    expect(report).toMatch(/\| spam: L1-logistic path|\| L1-logistic path, 20 λ/);
    expect(readFileSync(join(dir, 'out2', 'models.svg'), 'utf8')).toMatch(/^<svg[^>]+xmlns/);
  });
});
