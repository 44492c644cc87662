/** Did-you-mean: the closest candidates by edit distance (with transpositions), case-insensitive. */

function distance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const above = rows[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((above[j] as number) + 1, (row[j - 1] as number) + 1, (above[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      row.push(best);
    }
    rows.push(row);
  }
  return (rows[a.length] as number[])[b.length] as number;
}

const lastWord = (s: string) => /[A-Z]?[a-z0-9]+$/.exec(s)?.[0] ?? s;

export function closest(word: string, candidates: Iterable<string>, maxResults = 1): string[] {
  const w = word.toLowerCase();
  const limit = Math.max(1, Math.min(3, Math.floor(word.length / 3)));
  // Names sharing their last camel-case word (ProtectDevices, PrivateDevices) may differ more.
  const sameTailLimit = Math.max(limit, Math.floor(word.length / 2.5));
  const tail = lastWord(word);
  const scored: [string, number][] = [];
  for (const c of candidates) {
    const lc = c.toLowerCase();
    const d = lc === w ? -1 : distance(w, lc);
    if (d <= limit || (d <= sameTailLimit && lastWord(c) === tail && tail.length >= 4)) scored.push([c, d]);
  }
  scored.sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
  return scored.slice(0, maxResults).map(([c]) => c);
}
