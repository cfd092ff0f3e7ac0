// Smoke test of the benchmark tooling (no timing is asserted): the runner's --quick run writes a
// well-formed result file, and the report script turns it into REPORT.md, SVGs and a README table.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main, parseArgs, parseSize } from '../bench/main.js';
import type { Row } from '../bench/harness.js';

const ROOT = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'shrinkage-bench-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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
    const code = await main(['--quick', '--suite', 'kernels', '--threads', '1', '--sizes', '1K,4K', '--json', file]);
    expect(code).toBe(0);
    const { header, rows } = JSON.parse(readFileSync(file, 'utf8')) as { header: Record<string, unknown>; rows: Row[] };
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

describe('models suite', () => {
  it('writes shrinkage rows with --quick (peers off) and the report renders its Models section', async () => {
    const file = join(dir, 'models.json');
    process.env.SHRINKAGE_BENCH_NO_PEERS = '1';
    try {
      expect(await main(['--quick', '--suite', 'models', '--threads', '1', '--json', file])).toBe(0);
    } finally {
      delete process.env.SHRINKAGE_BENCH_NO_PEERS;
    }
    const { rows } = JSON.parse(readFileSync(file, 'utf8')) as { rows: Row[] };
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
