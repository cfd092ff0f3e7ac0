// Programs a user of the published package would write, shared by the package and bundle tests.
// Each prints one JSON line; expected values are computed in the tests from the formulas.

/** prox of l1(0.1) with step 1 on these values gives [0.4, -0.1, 0, 0] (soft threshold at 0.1). */
export const PROX_INPUT = [0.5, -0.2, 0.05, -0.01];
export const PROX_T = 0.1;

/** AdamW step (PyTorch semantics) from p = 1 with g = 0.5: p·(1 − lr·wd) − lr·ĝ/(√v̂ + ε). */
export const ADAM = { p: 1, g: 0.5, lr: 0.1, wd: 0.01, eps: 1e-8 };

/** Expected f32 soft threshold (the kernel rounds t to f32 once); + 0 because JSON has no −0. */
export function expectedProx(): number[] {
  const t = Math.fround(PROX_T);
  return PROX_INPUT.map((v) => Math.fround(Math.sign(Math.fround(v)) * Math.max(Math.abs(Math.fround(v)) - t, 0)) + 0);
}

/** Expected parameter after one AdamW step (bias-corrected m̂ = g, v̂ = g²). */
export function expectedAdamW(): number {
  const { p, g, lr, wd, eps } = ADAM;
  return p * (1 - lr * wd) - (lr * g) / (Math.sqrt(g * g) + eps);
}

/** Body shared by the ESM and CJS programs; `m` is the imported package namespace. */
const body = (withAdam: boolean) => `
  const engine = await m.createEngine({ threads: 1 });
  const w = engine.from(${JSON.stringify(PROX_INPUT)});
  engine.proxSync(w, m.l1(${PROX_T}), 1);
  const out = { backend: engine.backend, prox: Array.from(w) };
  if (${withAdam}) {
    const param = engine.from([${ADAM.p}]);
    const grad = engine.from([${ADAM.g}]);
    const opt = new m.AdamW(engine, [{ params: [{ param, grad }] }], { lr: ${ADAM.lr}, weightDecay: ${ADAM.wd}, eps: ${ADAM.eps} });
    opt.stepSync();
    out.adamw = param[0];
  }
  await engine.close();
  console.log(JSON.stringify(out));
`;

/** ESM: `import * as m from 'shrinkage'`. */
export const esmProgram = (withAdam: boolean) => `import * as m from 'shrinkage';\n${body(withAdam)}`;

/** CommonJS, route 1 (every Node ≥ 20): dynamic import() of the ESM entry. */
export const cjsImportProgram = (withAdam: boolean) =>
  `'use strict';\n(async () => {\n  const m = await import('shrinkage');\n${body(withAdam)}\n})().catch((e) => { console.error(e); process.exit(1); });\n`;

/** CommonJS, route 2 (Node ≥ 20.19 / ≥ 22.12, where require(esm) is on by default). */
export const cjsRequireProgram = (withAdam: boolean) =>
  `'use strict';\nconst m = require('shrinkage');\n(async () => {\n${body(withAdam)}\n})().catch((e) => { console.error(e); process.exit(1); });\n`;
