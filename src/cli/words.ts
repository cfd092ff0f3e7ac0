// Counted words for CLI output: every reader and printer says "1 iteration" and "2 iterations".

/** "1 iteration", "2 iterations", "0 iterations". */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
