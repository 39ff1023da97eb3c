/** Levenshtein distance, small inputs only (CLI words). */
function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** The closest candidate when it is close enough to be a typo, else undefined. */
export function didYouMean(input: string, candidates: readonly string[]): string | undefined {
  const needle = input.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const d = distance(needle, c.toLowerCase());
    const prefix = c.toLowerCase().startsWith(needle) && needle.length >= 2;
    const score = prefix ? 0.5 : d;
    if (score < bestScore) { bestScore = score; best = c; }
  }
  const limit = Math.max(1, Math.floor(needle.length / 3));
  return bestScore <= limit ? best : undefined;
}

/** "unknown severity 'critcal' — did you mean 'critical'? (critical, high, medium, low)" */
export function unknownValueMessage(what: string, input: string, allowed: readonly string[], suggestFrom: readonly string[] = allowed): string {
  const guess = didYouMean(input, suggestFrom);
  const hint = guess === undefined ? '' : ` — did you mean '${guess}'?`;
  return `unknown ${what} '${input}'${hint} (${allowed.join(', ')})`;
}
