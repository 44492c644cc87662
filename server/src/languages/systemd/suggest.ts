import { editDistance } from "../../core/edit-distance.js";
import { tailWhile } from "../../core/text.js";

/** Did-you-mean: the closest candidates by edit distance (with transpositions), case-insensitive. */

/** The last camel-case word (`[A-Z]?[a-z0-9]+` at the end), or the whole name; scanned, not matched, to stay linear. */
function lastWord(s: string): string {
  const tail = tailWhile(s, (c) => (c >= "a" && c <= "z") || (c >= "0" && c <= "9"));
  if (tail === "") return s;
  const before = s[s.length - tail.length - 1];
  return before !== undefined && before >= "A" && before <= "Z" ? before + tail : tail;
}

export function closest(word: string, candidates: Iterable<string>, maxResults = 1): string[] {
  const w = word.toLowerCase();
  const limit = Math.max(1, Math.min(3, Math.floor(word.length / 3)));
  // Names sharing their last camel-case word (ProtectDevices, PrivateDevices) may differ more.
  const sameTailLimit = Math.max(limit, Math.floor(word.length / 2.5));
  const tail = lastWord(word);
  const scored: [string, number][] = [];
  for (const c of candidates) {
    const lc = c.toLowerCase();
    const d = lc === w ? -1 : editDistance(w, lc, true, sameTailLimit);
    if (d <= limit || (d <= sameTailLimit && lastWord(c) === tail && tail.length >= 4)) scored.push([c, d]);
  }
  scored.sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
  return scored.slice(0, maxResults).map(([c]) => c);
}
