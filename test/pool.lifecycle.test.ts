// The pool's lifecycle: issue order without awaiting, memory growth under live workers, close,
// a script that never calls close() still exits, worker faults, and a one-file bundle with threads: 1.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../src/engine/create.js';
import { l1, l2 } from '../src/engine/regularizers.js';
import { ShrinkageError } from '../src/errors.js';
import { kernel } from '../src/kernels/registry.js';
import type { KernelCall } from '../src/kernels/types.js';
import { createPoolExecutor, type PoolExecutor } from '../src/pool/pool-executor.js';
import { compileKernels, instantiateKernels } from '../src/wasm/load.js';
import { fill, firstDiff, rng } from './support/data.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
const executorOf = (e: object) => (e as unknown as { executor: PoolExecutor }).executor;

describe('pool lifecycle', () => {
  it('workers rejoin after idling out, even when calls follow each other without an event-loop turn', async () => {
    const e = await createEngine({ threads: 2, parallelMinElements: 0 });
    const w = e.from(fill(new Float32Array(1 << 20), rng(9)));
    const ex = executorOf(e);
    // Block the thread past the loops' idle time (250 ms), as a long synchronous gradient
    // computation would: the worker loop hands its thread back meanwhile.
    const until = Date.now() + 400;
    while (Date.now() < until);
    const before = ex.workerChunks();
    for (let k = 0; k < 200; k++) await e.prox(w, l1(1e-6), 1);
    expect(ex.workerChunks() - before).toBeGreaterThan(0);
    await e.close();
  });

  it('runs calls issued without awaiting in issue order, like the same calls run inline', async () => {
    const pool = await createEngine({ threads: 3, parallelMinElements: 0 });
    const ref = await createEngine({ threads: 1 });
    const src = fill(new Float32Array(50000), rng(5));
    const w = pool.from(src), r = ref.from(src);
    const pending: Promise<unknown>[] = [];
    for (let k = 0; k < 20; k++) {
      pending.push(pool.prox(w, l1(0.01 * k), 1), pool.stats(w), pool.penalty(w, l2(1)));
      ref.proxSync(r, l1(0.01 * k), 1);
      pending.push(Promise.resolve(ref.statsSync(r)), Promise.resolve(ref.penaltySync(r, l2(1))));
    }
    const got = await Promise.all(pending);
    for (let k = 0; k < 20; k++) {
      expect(got[5 * k + 1]).toEqual(got[5 * k + 3]);
      expect(got[5 * k + 2]).toBe(got[5 * k + 4]);
    }
    expect(firstDiff(w, r)).toBe(-1);
    await pool.close();
    await ref.close();
  });

  it('workers see memory that grew after they started', async () => {
    const e = await createEngine({ threads: 2, parallelMinElements: 0 });
    const before = e.memory.buffer.byteLength;
    const n = 8_000_000; // 32 MB: beyond the initial memory, so it grows
    const w = e.alloc(n);
    expect(e.memory.buffer.byteLength).toBeGreaterThan(before);
    w.fill(2);
    w[n - 1] = -3;
    await e.prox(w, l1(1), 0.5);
    expect(w[0]).toBe(1.5);
    expect(w[n - 1]).toBe(-2.5); // the last element lies in the worker's shard
    const st = await e.stats(w);
    expect(st.l1).toBe(1.5 * (n - 1) + 2.5);
    await e.close();
  });

  it('close() ends every worker; later calls throw E_CLOSED', async () => {
    const e = await createEngine({ threads: 3 });
    const pool = (executorOf(e) as unknown as { pool: { threads: unknown[] } }).pool;
    expect(pool.threads.length).toBe(2);
    await e.close();
    expect(pool.threads.length).toBe(0);
    expect(() => e.alloc(4)).toThrow(ShrinkageError);
    await expect(e.stats(new Float32Array(4))).rejects.toMatchObject({ code: 'E_CLOSED' });
  });

  for (const kind of ['throw', 'exit'] as const) {
    it(`a worker that ${kind === 'throw' ? 'throws' : 'dies'} rejects the call with E_WORKER; the next call works`, async () => {
      const e = await createEngine({ threads: 3, parallelMinElements: 0 });
      const ref = await createEngine({ threads: 1 });
      const src = fill(new Float32Array(30000), rng(9));
      const w = e.from(src), r = ref.from(src);
      executorOf(e).injectFault(kind);
      await expect(e.prox(w, l1(0.1), 1)).rejects.toMatchObject({ code: 'E_WORKER' });
      // The pool replaced the worker: the next calls run sharded and match the inline results.
      w.set(src);
      await e.prox(w, l1(0.1), 1);
      ref.proxSync(r, l1(0.1), 1);
      expect(firstDiff(w, r)).toBe(-1);
      expect(await e.stats(w)).toEqual(ref.statsSync(r));
      await e.close();
      await ref.close();
    });
  }

  it('a chunk that throws on a worker rejects through piscina\'s task path: the thread is kept, not exited', async () => {
    const e = await createEngine({ threads: 2, parallelMinElements: 0 });
    const pool = (executorOf(e) as unknown as { pool: { threads: { threadId: number }[] } }).pool;
    const ids = pool.threads.map((t) => t.threadId);
    const w = e.from(new Float32Array(30000).fill(2));
    executorOf(e).injectFault('throw');
    const err = (await e.prox(w, l1(0.5), 1).then(() => undefined, (x: unknown) => x)) as ShrinkageError;
    expect(err).toMatchObject({ code: 'E_WORKER' });
    expect(err.message).toContain('injected fault (test hook)');
    expect(err.message).toContain('may be partly updated');
    expect(err.message).not.toMatch(/retry/i);
    w.fill(2);
    await e.prox(w, l1(0.5), 1);
    expect(w.every((v) => v === 1.5)).toBe(true);
    expect(pool.threads.map((t) => t.threadId)).toEqual(ids);
    await e.close();
  });

  it('after a worker and then its replacement (while it starts) are killed, the pool heals; close() does not hang', async () => {
    const e = await createEngine({ threads: 2, parallelMinElements: 0 });
    const ex = executorOf(e);
    const pool = (ex as unknown as { pool: { threads: { terminate(): Promise<number> }[] } }).pool;
    const w = e.from(new Float32Array(1 << 18).fill(1));
    await e.prox(w, l1(0), 1);
    await pool.threads[0]!.terminate();
    await pool.threads[0]!.terminate(); // the replacement, before it is ready: piscina latches
    // Calls keep working meanwhile (on the calling thread); the workers come back and take chunks.
    const before = ex.workerChunks();
    for (let k = 0; k < 2000 && ex.workerChunks() === before; k++) {
      await e.prox(w, l1(0), 1);
      await new Promise((r) => setTimeout(r, 2));
    }
    expect(ex.workerChunks()).toBeGreaterThan(before);
    expect(pool.threads.length).toBe(1);
    await e.close();
  });

  it('a call whose chunks trap (out-of-bounds pointers) rejects without hanging; the pool works after', async () => {
    const memory = new WebAssembly.Memory({ initial: 32, maximum: 64, shared: true });
    const module = compileKernels();
    const exports = instantiateKernels(memory, module);
    const ex = await createPoolExecutor({ memory, module, exports, threads: 3, parallelMinElements: 0 });
    const end = memory.buffer.byteLength;
    // 2M f32 from 64 KiB: the first chunks lie in memory, the later ones trap, on whichever thread.
    const bad: KernelCall = { kernel: 'prox_l1', dtype: 'float32', ptrs: [65536], n: 2_000_000, scalars: [0.5] };
    await expect(Promise.resolve(ex.run([bad]))).rejects.toThrow();
    const w = new Float32Array(memory.buffer, 65536, (end - 65536) / 4).fill(2);
    await ex.run([{ ...bad, n: w.length }]);
    expect(w.every((v) => v === 1.5)).toBe(true);
    await ex.close();
  });

  it('idle worker loops hand their threads back and restart on the next call', async () => {
    const e = await createEngine({ threads: 2, parallelMinElements: 0 });
    const ex = executorOf(e) as unknown as { control: Int32Array };
    const live = () => Atomics.load(ex.control, 16 /* worker 0's line */);
    expect(live()).toBe(1);
    await new Promise((r) => setTimeout(r, 600)); // > the 250 ms a loop stays parked
    expect(live()).toBe(0);
    const w = e.from(new Float32Array(40000).fill(3));
    await e.prox(w, l1(1), 1);
    expect(w.every((v) => v === 2)).toBe(true);
    for (let i = 0; i < 200 && live() !== 1; i++) await new Promise((r) => setTimeout(r, 5));
    expect(live()).toBe(1);
    await e.close();
  });

  it('auto mode: calls below parallelMinElements (work = n · cost) run inline, others are dispatched', async () => {
    const e = await createEngine({ threads: 2, parallelMinElements: 1000 });
    const ex = executorOf(e) as unknown as { go: number };
    const w = e.from(new Float32Array(999).fill(1));
    await e.prox(w, l1(0.5), 1);
    expect(ex.go).toBe(0);
    const m = Math.ceil(1000 / kernel('stats').cost); // smallest stats call with work >= 1000
    await e.stats(w.subarray(0, m - 1));
    expect(ex.go).toBe(0);
    await e.stats(w.subarray(0, m));
    expect(ex.go).toBe(1);
    await e.close();
  });

  it('a script that never calls close() exits by itself within a few seconds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shrinkage-'));
    const script = join(dir, 'forget-close.mjs');
    writeFileSync(
      script,
      `import { createEngine, l1 } from ${JSON.stringify(join(root, 'dist/src/index.js'))};
       const e = await createEngine({ threads: 2, parallelMinElements: 0 });
       const w = e.alloc(100000).fill(1);
       await e.prox(w, l1(0.5), 1);
       console.log('done', (await e.stats(w)).l1);`,
    );
    const t0 = Date.now();
    const { stdout } = await run(process.execPath, [script], { timeout: 8000 });
    expect(stdout.trim()).toBe('done 50000');
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it('bundled into one file by esbuild, threads: 1 starts no worker and needs no worker file', async () => {
    const { build } = await import('esbuild');
    const dir = mkdtempSync(join(tmpdir(), 'shrinkage-bundle-'));
    const entry = join(dir, 'entry.ts');
    writeFileSync(
      entry,
      `import { createEngine, l1 } from ${JSON.stringify(join(root, 'src/index.ts'))};
       const e = await createEngine({ threads: 1 });
       const w = e.from([3, -0.25, 1]);
       await e.prox(w, l1(0.5), 1);
       console.log(Array.from(w).join(','));
       await e.close();`,
    );
    const out = join(dir, 'bundle.mjs');
    await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', outfile: out, logLevel: 'silent' });
    const { stdout } = await run(process.execPath, [out], { timeout: 8000, cwd: dir });
    expect(stdout.trim()).toBe('2.5,0,0.5');
  });
});
