/** Edit distance where swapping two neighbouring letters counts as one typo ("lsit" → "list"). */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
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
