// The demo pipeline: its pieces (tokenizer, vocabulary, CSR, split, metrics, SVG, constraint
// picture) and the whole run on a slice of the corpus, including a well-formed report.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../src/demo/corpus.js';
import { constraintPicture, projectL1, projectL2 } from '../src/demo/constraint.js';
import { classification, linearPredict, mse, split } from '../src/demo/evaluate.js';
import { buildVocabulary, tokenize, toCsr } from '../src/demo/features.js';
import { measureLeakage } from '../src/demo/leakage.js';
import { decodeMessage, htmlToText } from '../src/demo/mime.js';
import { FULL, QUICK, runDemo } from '../src/demo/run.js';
import { runSynthetic } from '../src/demo/synthetic.js';
import { loadModels } from '../src/cli/models-api.js';
import { createEngine } from '../src/engine/create.js';
import { topTokens } from '../src/demo/spam.js';
import { linePlot, niceTicks } from '../src/demo/svg.js';

/** Checks that every start tag is closed in order (the report is written XHTML-style). */
function balanced(markup: string): { ok: boolean; problem?: string; tags: number } {
  const body = markup.replace(/<!DOCTYPE[^>]*>/i, '').replace(/<!--[\s\S]*?-->/g, '');
  const stack: string[] = [];
  let tags = 0;
  for (const m of body.matchAll(/<(\/?)([a-zA-Z][\w:-]*)([^<>]*?)(\/?)>/g)) {
    tags++;
    const [, close, name, , self] = m;
    if (self) continue;
    if (!close) stack.push(name!);
    else if (stack.pop() !== name) return { ok: false, problem: `</${name}> at ${m.index}`, tags };
  }
  const stray = body.replace(/<(\/?)([a-zA-Z][\w:-]*)([^<>]*?)(\/?)>/g, '').match(/[<>]/);
  if (stray) return { ok: false, problem: `stray ${stray[0]}`, tags };
  return stack.length ? { ok: false, problem: `unclosed <${stack.at(-1)}>`, tags } : { ok: true, tags };
}

describe('features', () => {
  // A multipart message: a base64 plain-text part in ISO-8859-1 and a binary attachment. Before decoding, "base64", "href" and the encoded runs became tokens.
  const raw = [
    'Received: from mail.example.com', 'Subject: =?utf-8?q?FREE_money?=', '  for you', 'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="XX"', '', '--XX', 'Content-Type: text/plain; charset=iso-8859-1',
    'Content-Transfer-Encoding: base64', '', Buffer.from('Click here to win $1000, don\'t wait! Caf\xe9', 'latin1').toString('base64'),
    '--XX', 'Content-Type: application/octet-stream', 'Content-Transfer-Encoding: base64', '', 'QUJDREVGR0g=', '--XX--', '',
  ].join('\r\n');

  it('decodes MIME: subject words, the text part in its charset, no headers, no encoded runs', async () => {
    const m = await decodeMessage(raw);
    expect(m.subject).toBe('FREE money for you');
    expect(m.text.trim()).toBe("Click here to win $1000, don't wait! Café");
    expect(tokenize(m)).toEqual(new Set(['free', 'money', 'for', 'you', 'click', 'here', 'to', 'win', '$1000', "don't", 'wait', 'café']));
  });

  it('turns an HTML-only body into text: no tags, attributes, scripts or styles; entities decoded', async () => {
    expect(htmlToText('<html><head><style>p{}</style></head><body><p>Hi&nbsp;<a href="http://x.biz">there</a> &amp; &#36;5</p><script>var q=1</script></body></html>').replace(/\s+/g, ' ').trim())
      .toBe('Hi there & $5');
    const html = ['Subject: hi', 'Content-Type: text/html; charset=utf-8', 'Content-Transfer-Encoding: quoted-printable', '',
      '<p>Best =3D price<br>now</p><img src=3D"x.gif" alt=3D"alt text">'].join('\r\n');
    const m = await decodeMessage(html);
    expect(tokenize(m)).toEqual(new Set(['hi', 'best', 'price', 'now']));
  });

  it('leakage counts messages with a list name per class and the list tokens a model uses', () => {
    const docs = [new Set(['mailman', 'a']), new Set(['b']), new Set(['spamassassin']), new Set(['c'])];
    const l = measureLeakage(docs, [false, false, true, true], ['a', 'mailman', 'spamassassin'], [0, -1.5, 0]);
    expect(l).toEqual({ hamShare: 0.5, spamShare: 0.5, used: [['mailman', -1.5]] });
  });

  it('vocabulary keeps tokens in >= minDocs documents, sorted; CSR rows are binary with sorted columns', () => {
    const docs = [new Set(['b', 'a', 'z']), new Set(['a', 'c']), new Set(['c', 'a', 'q'])];
    const v = buildVocabulary(docs, 2);
    expect(v.tokens).toEqual(['a', 'c']);
    const X = toCsr([...docs, new Set(['nothing'])], v);
    expect([...X.indptr]).toEqual([0, 1, 3, 5, 5]);
    expect([...X.indices]).toEqual([0, 0, 1, 0, 1]);
    expect([...X.data]).toEqual([1, 1, 1, 1, 1]);
    expect([X.rows, X.cols]).toEqual([4, 2]);
  });
});

describe('evaluation helpers', () => {
  it('split is a seeded partition', () => {
    const [a, b, c] = split(100, [0.6, 0.2, 0.2], 3);
    expect([a!.length, b!.length, c!.length]).toEqual([60, 20, 20]);
    expect([...a!, ...b!, ...c!].sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(split(100, [0.6, 0.2, 0.2], 3)).toEqual([a, b, c]);
    expect(split(100, [0.6, 0.2, 0.2], 4)[0]).not.toEqual(a);
  });

  it('predictions agree for dense and CSR; accuracy, F1 and MSE by hand', () => {
    const dense = { kind: 'dense' as const, rows: 2, cols: 3, data: new Float64Array([1, 0, 2, 0, 3, 0]) };
    const csr = { kind: 'csr' as const, rows: 2, cols: 3, indptr: new Int32Array([0, 2, 3]), indices: new Int32Array([0, 2, 1]), data: new Float64Array([1, 2, 3]) };
    const w = [0.5, -1, 2];
    expect([...linearPredict(dense, w, 1)]).toEqual([5.5, -2]);
    expect([...linearPredict(csr, w, 1)]).toEqual([5.5, -2]);
    // predictions 1,1,0,0 vs labels 1,0,1,0: tp 1, fp 1, fn 1 → F1 = 2/4.
    expect(classification([2, 1, -1, -3], [1, 0, 1, 0])).toEqual({ accuracy: 0.5, f1: 0.5 });
    expect(mse([1, 2], [0, 4])).toBe(2.5);
  });

  it('topTokens orders by weight', () => {
    const t = topTokens(new Float64Array([0.5, -2, 0, 3, -0.1]), ['a', 'b', 'c', 'd', 'e'], 2);
    expect(t).toEqual({ spam: [['d', 3], ['a', 0.5]], ham: [['b', -2], ['e', -0.1]] });
  });
});

describe('SVG', () => {
  it('ticks are round and cover the range', () => {
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(-3.3, -0.2)).toEqual([-3, -2, -1]);
    expect(niceTicks(2, 2)).toEqual([2]);
  });

  it('plots are well-formed and escape labels', () => {
    const svg = linePlot([{ x: [0, 1, 2], y: [1, NaN, 3], color: '#000', label: 'a<b & "c"' }], { title: 't', xLabel: 'x', yLabel: 'y' });
    expect(balanced(svg).ok).toBe(true);
    expect(svg).toContain('a&lt;b &amp; &quot;c&quot;');
    const log = linePlot([{ x: [0, 1, 2, 3], y: [0, 10, 300, 11389], color: '#000' }], { title: 't', xLabel: 'x', yLabel: 'y', logY: true });
    expect(balanced(log).ok).toBe(true);
    expect(log).toMatch(/>10<\/text>/);
    expect(log).toMatch(/>1000<\/text>/);
    expect(log.match(/<path d="M[^"]*"/)![0].match(/[ML]/g)).toHaveLength(3); // y = 0 is left out
  });

  it('projections land on the balls; the L1 solution of the picture sits on a corner, L2 does not', () => {
    const p = projectL1([3, 1], 1);
    expect(Math.abs(p[0]) + Math.abs(p[1])).toBeCloseTo(1, 12);
    expect(projectL1([0.5, 0.2], 1)).toEqual([0.5, 0.2]);
    expect(Math.hypot(...projectL2([3, 4], 2))).toBeCloseTo(2, 12);
    const pic = constraintPicture();
    expect(pic.l1[1]).toBe(0);
    expect(pic.l1[0]).toBeCloseTo(1, 9);
    expect(pic.l2[0]).toBeGreaterThan(0);
    expect(pic.l2[1]).toBeGreaterThan(0);
    expect(Math.hypot(...pic.l2)).toBeCloseTo(1, 9);
    expect(balanced(pic.svg).ok).toBe(true);
  });
});

describe('the synthetic experiment with the settings npm start uses', () => {
  it('L1 wins on the sparse signal and L2 on the dense one', async () => {
    const engine = await createEngine({ threads: 1 });
    try {
      const say = Object.assign(() => {}, { elapsed: () => 0 });
      const r = await runSynthetic(await loadModels(), engine, { ...FULL.synthetic, seed: FULL.seed }, say);
      expect(r.map((x) => [x.signal, x.winner])).toEqual([['sparse', 'L1'], ['dense', 'L2']]);
      expect(r[0]!.l1.nnz).toBeLessThan(FULL.synthetic.d);
    } finally {
      await engine.close();
    }
  });
});

describe('the demo on a slice of the corpus', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shrinkage-demo-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads an evenly spaced slice with both classes', async () => {
    const m = await loadCorpus({ limit: 300 });
    expect(m).toHaveLength(300);
    const spam = m.filter((x) => x.spam).length;
    expect(spam).toBeGreaterThan(50);
    expect(spam).toBeLessThan(250);
  });

  it('trains, prints the tables and writes a well-formed report', async () => {
    let out = '', err = '';
    const r = await runDemo(
      { ...QUICK, limit: 400, nLambda: 6, folds: 3, minDocs: 3, synthetic: { n: 40, d: 60, k: 4, noise: 1, nLambda: 8 }, outDir: dir },
      { out: (t) => void (out += t), err: (t) => void (err += t) },
    );
    expect(r.reportPath).toBe(join(dir, 'report.html'));
    const html = readFileSync(r.reportPath, 'utf8');
    const check = balanced(html);
    expect(check.problem).toBeUndefined();
    expect(check.tags).toBeGreaterThan(100);
    expect(html.match(/<svg /g)?.length).toBe(9);
    expect(html).toContain('<meta name="viewport"');
    // Three penalties, λ by CV: λ_1se is never below λ_min, and both fits are the full-data path's.
    expect(r.spam.runs.map((x) => x.spec.penalty)).toEqual(['l1', 'l2', 'elasticNet']);
    for (const x of r.spam.runs) {
      expect(x.lambdas[x.i1se]!).toBeGreaterThanOrEqual(x.lambdas[x.iMin]!);
      expect(x.cvError[x.i1se]!).toBeLessThanOrEqual(x.cvError[x.iMin]! + x.cvSe[x.iMin]! + 1e-12);
      expect(x.fits).toHaveLength(x.lambdas.length);
      expect(x.trainError.every((e) => e >= 0 && e <= 1)).toBe(true);
    }
    const [l1, l2] = r.spam.runs;
    // The chosen L1 model refitted on wasm and on js with the same call.
    expect(r.spam.refits.map((x) => [x.backend, x.lambda])).toEqual([['wasm', l1!.lambdas[l1!.i1se]], ['js', l1!.lambdas[l1!.i1se]]]);
    const [rw, rj] = r.spam.refits;
    expect(Math.abs(rw!.fit.objective - rj!.fit.objective)).toBeLessThan(1e-3 * Math.abs(rw!.fit.objective) + 1e-6);
    expect(l1!.nnz[l1!.i1se]!).toBeLessThan(l2!.nnz[l2!.i1se]!);
    expect(l1!.test1se.accuracy).toBeGreaterThan(0.8);
    for (const [token, w] of r.spam.topSpam) expect([r.spam.vocabulary.includes(token), w > 0]).toEqual([true, true]);
    // The shift experiment: three penalties and the baseline, each scored on all three test sets.
    expect(r.shift!.rows.map((x) => x.label)).toEqual(['L1 at λ_1se', 'L2 at λ_1se', 'EN at λ_1se', 'nearly unregularized']);
    for (const x of r.shift!.rows) expect(x.drop).toBeCloseTo(x.inDistribution - x.newer, 12);
    expect(r.shift!.sizes.hardHam).toBeGreaterThan(0);
    expect(r.leakage.hamShare).toBeGreaterThan(r.leakage.spamShare);
    expect(out).toContain('test accuracy');
    expect(out).toContain('newer mail');
    expect(out).toContain(`Report: ${r.reportPath}`);
    expect(err).toMatch(/^\[\s*\d+\.\ds\] /m);
    expect(r.synthetic.map((s) => s.signal)).toEqual(['sparse', 'dense']);
  });
});
