// Leakage that decoding cannot remove: most ham in this corpus was collected from a handful of
// mailing lists, so list names and list-software footers ("mailman", "listinfo", "spamassassin")
// mark a message as ham in this corpus without saying anything about spam in general. The report
// measures how much of each class carries such a token and which of them the L1 model uses.

/** Names of the corpus's mailing lists, list hosts and list software seen in its footers. */
export const LIST_TOKENS = [
  'spamassassin', 'mailman', 'listinfo', 'sourceforge', 'newsisfree', 'xent', 'exmh', 'razor', 'ilug', 'zzzzteana',
];

export interface Leakage {
  /** Share of ham and of spam messages containing at least one list token. */
  hamShare: number;
  spamShare: number;
  /** List tokens with a nonzero weight in the chosen L1 model, with that weight. */
  used: [string, number][];
}

/** Measures list-token leakage over all messages and in one model's weights. */
export function measureLeakage(docs: Set<string>[], spam: boolean[], vocabulary: string[], coef: ArrayLike<number>): Leakage {
  let ham = 0, hamHit = 0, sp = 0, spHit = 0;
  docs.forEach((d, i) => {
    const hit = LIST_TOKENS.some((t) => d.has(t));
    if (spam[i]) {
      sp++;
      if (hit) spHit++;
    } else {
      ham++;
      if (hit) hamHit++;
    }
  });
  const used = LIST_TOKENS.flatMap((t) => {
    const j = vocabulary.indexOf(t);
    return j >= 0 && coef[j] !== 0 ? [[t, coef[j]!] as [string, number]] : [];
  });
  return { hamShare: ham ? hamHit / ham : 0, spamShare: sp ? spHit / sp : 0, used };
}
