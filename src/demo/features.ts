// Decoded text → sparse features: subject + body tokens, a vocabulary with a minimum document count, and a
// CSR matrix of binary (present / absent) token features.
import type { CsrMatrix } from '../cli/models-api.js';
import type { Decoded } from './mime.js';

// Words of 2–24 characters that start with a letter or '$' ("$100", "don't", "viagra", "café").
const WORD = /[\p{L}$][\p{L}\p{N}$']{1,23}/gu;

/** Lowercased word tokens of the decoded subject and body, each distinct token once (binary features). */
export function tokenize(m: Decoded): Set<string> {
  return new Set(`${m.subject}\n${m.text}`.toLowerCase().match(WORD) ?? []);
}

/** Token ↔ column index. */
export interface Vocabulary {
  tokens: string[];
  /** Distinct tokens in the counted documents before the minimum-count cut. */
  distinct: number;
  index: Map<string, number>;
}

/**
 * Tokens that occur in at least `minDocs` of the given (training) documents, sorted by token so the
 * column order does not depend on the document order. Counting on the training split only keeps
 * validation and test messages out of feature selection.
 */
export function buildVocabulary(docs: Iterable<Set<string>>, minDocs: number): Vocabulary {
  const df = new Map<string, number>();
  for (const d of docs) for (const t of d) df.set(t, (df.get(t) ?? 0) + 1);
  const tokens = [...df].filter(([, c]) => c >= minDocs).map(([t]) => t).sort();
  return { tokens, distinct: df.size, index: new Map(tokens.map((t, j) => [t, j])) };
}

/** Binary CSR rows (1 where the token occurs) of `docs` over `vocab`; unknown tokens are dropped. */
export function toCsr(docs: Set<string>[], vocab: Vocabulary, dtype: 'float32' | 'float64' = 'float64'): CsrMatrix {
  const indptr = new Int32Array(docs.length + 1);
  const cols: number[] = [];
  docs.forEach((d, i) => {
    const row: number[] = [];
    for (const t of d) {
      const j = vocab.index.get(t);
      if (j !== undefined) row.push(j);
    }
    row.sort((a, b) => a - b);
    for (const j of row) cols.push(j);
    indptr[i + 1] = cols.length;
  });
  const data = dtype === 'float32' ? new Float32Array(cols.length) : new Float64Array(cols.length);
  data.fill(1);
  return { kind: 'csr', rows: docs.length, cols: vocab.tokens.length, indptr, indices: Int32Array.from(cols), data };
}
