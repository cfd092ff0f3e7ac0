// Bundles the built package (dist/src) into dist/bundle/: one ESM entry, the pool worker as a
// second entry, the shrinkage/tfjs subpath (tfjs.js, the only one that imports @tensorflow/tfjs-core)
// as a third, shared code in chunks (no module is duplicated, so `instanceof ShrinkageError`
// holds across them). Node's ESM loader pays about a millisecond per module file at import, and the
// package has dozens: the bundle is what `import 'shrinkage'` loads (docs/benchmarks.md, cold start).
// The pool module stays a lazily loaded chunk next to worker.js, where the pool looks for its worker.
import { existsSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const entries = [
  { in: 'dist/src/index.js', out: 'index' },
  { in: 'dist/src/pool/worker.js', out: 'worker' },
  { in: 'dist/src/tfjs/index.js', out: 'tfjs' },
].filter((e) => existsSync(e.in));
rmSync('dist/bundle', { recursive: true, force: true });
await build({
  entryPoints: entries,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outdir: 'dist/bundle',
  chunkNames: 'chunk-[hash]',
  packages: 'external', // piscina (a dependency) and tfjs-core (a peer) are resolved from node_modules
  // Whitespace and syntax only: identifiers keep their names, so stack traces stay readable.
  minifyWhitespace: true,
  minifySyntax: true,
  // The embedded wasm (base64) stays one module of dist/src that the bundle imports, instead of a
  // second copy inside the bundle: the package ships it once.
  plugins: [{
    name: 'wasm-module-external',
    setup(b) {
      b.onResolve({ filter: /\/module\.generated\.js$/ }, () => ({ path: '../src/wasm/module.generated.js', external: true }));
    },
  }],
  logLevel: 'warning',
});
console.log(`bundled ${entries.map((e) => e.in).join(', ')} into dist/bundle/`);
