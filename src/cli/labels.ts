// Labels for logistic loss as the readers meet them, one at a time. Both customary encodings are
// accepted: {0, 1} (glmnet, scikit-learn) and {−1, +1} (liblinear, svmlight files), −1 read as 0.
// A file must keep to one of them: a 0 and a −1 together would be three classes.

/** Checks and maps the labels of one file; the reader turns a refusal into FILE:LINE:COL. */
export class BinaryLabels {
  /** Line of the first 0 and of the first −1 seen (0 = none yet). */
  private zeroLine = 0;
  private minusLine = 0;

  /** The label as 0 or 1, or a sentence saying why `v` (on `line`) is refused. */
  take(v: number, line: number): 0 | 1 | string {
    if (v === 1) return 1;
    if (v !== 0 && v !== -1) return `label ${v}: logistic loss needs labels 0/1 or -1/+1`;
    if (v === 0) this.zeroLine ||= line;
    else this.minusLine ||= line;
    if (this.zeroLine && this.minusLine)
      return `label ${v} mixes the 0/1 and -1/+1 encodings (line ${v === 0 ? this.minusLine : this.zeroLine} has ` +
        `${v === 0 ? -1 : 0}): logistic loss needs two classes, written one way`;
    return 0;
  }
}

/**
 * For logistic loss both classes must occur (with one, the intercept runs off to ±∞ and no λ grid
 * exists): a sentence saying what is missing, or undefined when both are there.
 */
export function missingClass(y: Float64Array): string | undefined {
  let ones = 0;
  for (const v of y) ones += v;
  if (ones > 0 && ones < y.length) return undefined;
  const cls = ones === 0 ? '0 (or -1)' : '1';
  return `${y.length === 1 ? 'the only label' : `every one of the ${y.length} labels`} is ${cls}: logistic loss needs both classes`;
}
