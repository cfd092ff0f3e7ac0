// The two model benchmarks' data sets, built the same way for shrinkage and for the peers (glmnet,
// scikit-learn), which read the files `exportDatasets` writes:
// - spam: SpamAssassin token features on the whole corpus (6046 messages; binary features of the
//   raw, undecoded subject + body text, tokens in >= 5 messages: 16312 columns; CSR, never
//   densified). The demo decodes MIME first and so has fewer, cleaner features; the benchmark keeps
//   the raw text, a larger problem, so its recorded results stay reproducible;
// - dense: 10000 × 1000 Gaussian design with AR(0.5)-correlated columns
//   (x_j = 0.5·x_{j−1} + √0.75·e_j), a 20-sparse truth of ±(1 + U(0, 1)) and N(0, 2²) noise.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CsrMatrix, DenseMatrix } from '../../src/index.js';
import { loadCorpus } from '../../src/demo/corpus.js';
import { buildVocabulary, toCsr, tokenize } from '../../src/demo/features.js';
import { gaussian } from '../../src/demo/evaluate.js';
import { rng } from '../../src/random.js';

export interface SpamData { X: CsrMatrix; y: Float64Array; tokens: string[] }
export interface DenseData { X: DenseMatrix; y: Float64Array; beta: Float64Array }

export const SPAM_MIN_DOCS = 5;

/**
 * The raw text a reader would see without MIME decoding: the Subject header (with folded
 * continuation lines) and the undecoded body; every other header is dropped.
 */
export function rawText(raw: string): { subject: string; text: string } {
  const text = raw.replace(/\r\n?/g, '\n');
  const split = text.indexOf('\n\n');
  const head = split < 0 ? text : text.slice(0, split);
  const subject = /^subject:(.*(?:\n[ \t].*)*)/im.exec(head);
  return { subject: subject ? subject[1]!.replace(/\n[ \t]+/g, ' ').trim() : '', text: split < 0 ? '' : text.slice(split + 2) };
}

/** Raw-text token features over all messages (1 = spam). */
export async function spamData(limit?: number): Promise<SpamData> {
  const corpus = await loadCorpus(limit === undefined ? {} : { limit });
  const docs = corpus.map((m) => tokenize(rawText(m.text)));
  const vocab = buildVocabulary(docs, SPAM_MIN_DOCS);
  return { X: toCsr(docs, vocab), y: Float64Array.from(corpus, (m) => (m.spam ? 1 : 0)), tokens: vocab.tokens };
}

/** The AR(0.5) Gaussian design (seeded: the same bytes on every machine). */
export function denseData(n = 10000, d = 1000, k = 20, seed = 2026): DenseData {
  const u = rng(seed), normal = gaussian(u);
  const data = new Float64Array(n * d);
  const c = Math.sqrt(1 - 0.25);
  for (let i = 0; i < n; i++) {
    let prev = normal();
    data[i * d] = prev;
    for (let j = 1; j < d; j++) data[i * d + j] = prev = 0.5 * prev + c * normal();
  }
  const beta = new Float64Array(d);
  for (let placed = 0; placed < k; ) {
    const j = Math.floor(u() * d);
    if (beta[j] !== 0) continue;
    beta[j] = (u() < 0.5 ? -1 : 1) * (1 + u());
    placed++;
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += data[i * d + j]! * beta[j]!;
    y[i] = s + 2 * normal();
  }
  return { X: { kind: 'dense', rows: n, cols: d, data }, y, beta };
}

/** svmlight text (1-based column indices, `%.17g`-exact values) of a CSR matrix and labels. */
export function svmlight(X: CsrMatrix, y: ArrayLike<number>): string {
  const lines: string[] = [];
  for (let i = 0; i < X.rows; i++) {
    let line = String(y[i]);
    for (let k = X.indptr[i]!; k < X.indptr[i + 1]!; k++) line += ` ${X.indices[k]! + 1}:${X.data[k]}`;
    lines.push(line);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Writes the data sets into `dir` for the peer scripts: spam.svm (svmlight), dense.X.f64 (row-major
 * little-endian f64), dense.y.f64, and datasets.json (shapes; spam is absent when not given).
 */
export function exportDatasets(dir: string, spam: { X: CsrMatrix; y: Float64Array } | undefined, dense: { X: DenseMatrix; y: Float64Array }): void {
  mkdirSync(dir, { recursive: true });
  if (spam) writeFileSync(join(dir, 'spam.svm'), svmlight(spam.X, spam.y));
  writeFileSync(join(dir, 'dense.X.f64'), new Uint8Array(dense.X.data.buffer, dense.X.data.byteOffset, dense.X.data.byteLength));
  writeFileSync(join(dir, 'dense.y.f64'), new Uint8Array(dense.y.buffer, dense.y.byteOffset, dense.y.byteLength));
  const meta = {
    spam: spam ? { rows: spam.X.rows, cols: spam.X.cols, nnz: spam.X.indices.length, minDocs: SPAM_MIN_DOCS } : null,
    dense: { rows: dense.X.rows, cols: dense.X.cols },
  };
  writeFileSync(join(dir, 'datasets.json'), `${JSON.stringify(meta)}\n`);
}
