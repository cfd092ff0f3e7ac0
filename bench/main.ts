// The benchmark runner: `npm run bench -- [--json FILE] [--threads 1,2] [--sizes 4K,1M]
// [--suite kernels,peers-tfjs] [--quick]`. Progress goes to stderr, the table to stdout.
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, hostname, loadavg, release, totalmem } from 'node:os';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchContext, Row } from './harness.js';
import { SUITES } from './suites/index.js';
import { sizeLabel } from './suites/common.js';

/** The machine a result file was measured on (the report and the README table print it). */
export interface Header {
  machine: string;
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  v8: string;
  os: string;
  date: string;
  command: string;
  sizes: number[];
  threads: number[];
  quick: boolean;
  suites: string[];
  /** 1-minute load average at the start and at the end of the run (other processes skew timings). */
  loadavg: [number, number];
}

export interface ResultFile {
  header: Header;
  rows: Row[];
}

const DEFAULT_SIZES = [4096, 65536, 1 << 20, 1 << 24];
const QUICK_SIZES = [1024, 4096];

const HELP = `usage: npm run bench -- [options]

  --json FILE          write { header, rows } to FILE (rows: op, dtype, n, impl, threads,
                       median_ms, p90_ms, gbps)
  --threads LIST       thread counts, e.g. 1,2,4 (default 1,${availableParallelism()}); every t > 1
                       adds a wasm-parallel row
  --sizes LIST         element counts, e.g. 4096,64K,1M,16M (default 4K,64K,1M,16M)
  --suite LIST         suites to run (default all): ${SUITES.map((s) => s.name).join(', ')}
  --quick              tiny sizes and short sampling (smoke test)
  --help               this text
`;

/** Parses "4096", "64K", "1M", "16M" (K = 1024, M = 1048576). */
export function parseSize(s: string): number {
  const m = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(s.trim());
  if (!m) throw new Error(`bad size ${JSON.stringify(s)}: expected e.g. 4096, 64K or 1M`);
  const mult = m[2] === '' ? 1 : m[2]!.toLowerCase() === 'k' ? 1024 : 1 << 20;
  const n = Math.round(Number(m[1]) * mult);
  if (!Number.isInteger(n) || n < 1) throw new Error(`bad size ${JSON.stringify(s)}`);
  return n;
}

function parseThreads(s: string): number[] {
  const ts = s.split(',').map((x) => Number(x.trim()));
  for (const t of ts) if (!Number.isInteger(t) || t < 1) throw new Error(`bad thread count in --threads ${s}`);
  return [...new Set(ts)];
}

interface Options {
  json?: string;
  threads: number[];
  sizes: number[];
  suites: string[];
  quick: boolean;
  help: boolean;
}

export function parseArgs(argv: string[]): Options {
  const o: Options = { threads: [], sizes: [], suites: [], quick: false, help: false };
  let sizes: number[] | undefined, threads: number[] | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--help' || a === '-h') o.help = true;
    else if (a === '--quick') o.quick = true;
    else if (a === '--json') o.json = value();
    else if (a === '--threads') threads = parseThreads(value());
    else if (a === '--sizes') sizes = value().split(',').map(parseSize);
    else if (a === '--suite') o.suites = value().split(',').map((s) => s.trim());
    else throw new Error(`unknown option ${a} (see --help)`);
  }
  const known = SUITES.map((s) => s.name);
  for (const s of o.suites) if (!known.includes(s)) throw new Error(`unknown suite ${s}; known: ${known.join(', ')}`);
  if (o.suites.length === 0) o.suites = known;
  o.sizes = sizes ?? (o.quick ? QUICK_SIZES : DEFAULT_SIZES);
  o.threads = threads ?? [...new Set([1, availableParallelism()])];
  return o;
}

export function machineHeader(o: Options, argv: string[]): Header {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const cores = availableParallelism();
  return {
    machine: `${hostname()} (${cores}-core ${cpu})`,
    cpu,
    cores,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    v8: process.versions.v8,
    os: `${process.platform} ${release()} ${process.arch}`,
    date: new Date().toISOString(),
    command: ['npm run bench --', ...argv].join(' '),
    sizes: o.sizes,
    threads: o.threads,
    quick: o.quick,
    suites: o.suites,
    loadavg: [loadavg()[0]!, NaN],
  };
}

/** A compact table: one line per (op, dtype, n), one column per impl (median ms). */
export function formatTable(rows: Row[]): string {
  const impls: string[] = [];
  const keyOf = (r: Row) => `${r.impl}${r.threads > 1 ? `×${r.threads}` : ''}`;
  for (const r of rows) if (!impls.includes(keyOf(r))) impls.push(keyOf(r));
  const groups = new Map<string, Map<string, Row>>();
  for (const r of rows) {
    const k = `${r.op}\t${r.dtype}\t${sizeLabel(r.n)}`;
    if (!groups.has(k)) groups.set(k, new Map());
    groups.get(k)!.set(keyOf(r), r);
  }
  const head = ['op', 'dtype', 'n', ...impls.map((i) => `${i} ms`)];
  const lines = [head];
  for (const [k, byImpl] of groups) {
    const cells = impls.map((i) => {
      const r = byImpl.get(i);
      return r ? r.median_ms.toPrecision(3) : '-';
    });
    lines.push([...k.split('\t'), ...cells]);
  }
  const widths = head.map((_, c) => Math.max(...lines.map((l) => l[c]!.length)));
  return lines.map((l) => l.map((cell, c) => (c < 3 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')).join('\n');
}

export async function main(argv: string[]): Promise<number> {
  let o: Options;
  try {
    o = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n${HELP}`);
    return 2;
  }
  if (o.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const header = machineHeader(o, argv);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  log(`shrinkage bench on ${header.machine}, Node ${header.node}; sizes ${o.sizes.map(sizeLabel).join(',')}; threads ${o.threads.join(',')}`);
  const ctx: BenchContext = { sizes: o.sizes, threads: o.threads, quick: o.quick, log };
  const rows: Row[] = [];
  const started = performance.now();
  for (const suite of SUITES.filter((s) => o.suites.includes(s.name))) {
    log(`== suite ${suite.name}`);
    const t0 = performance.now();
    rows.push(...(await suite.run(ctx)));
    log(`== suite ${suite.name} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  header.loadavg[1] = loadavg()[0]!;
  log(`all suites done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (o.json) {
    const file = resolve(o.json);
    mkdirSync(dirname(file), { recursive: true });
    const out: ResultFile = { header, rows };
    writeFileSync(file, `${JSON.stringify(out, null, 1)}\n`);
    log(`wrote ${rows.length} rows to ${file}`);
  }
  process.stdout.write(`${formatTable(rows)}\n`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
