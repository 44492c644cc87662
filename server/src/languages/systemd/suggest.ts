import { editDistance } from "../../core/edit-distance.js";

/** Did-you-mean: the closest candidates by edit distance (with transpositions), case-insensitive. */

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
    const d = lc === w ? -1 : editDistance(w, lc, true);
    if (d <= limit || (d <= sameTailLimit && lastWord(c) === tail && tail.length >= 4)) scored.push([c, d]);
  }
  scored.sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
  return scored.slice(0, maxResults).map(([c]) => c);
}
