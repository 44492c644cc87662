/**
 * Edit distance for did-you-mean suggestions: insertions, deletions and
 * substitutions cost 1; with `transpositions`, swapping two neighbours costs
 * 1 too (optimal string alignment), which suits typed names (Restrat → Restart).
 *
 * With a `limit`, any distance above it is returned as `limit + 1` without
 * filling the table: the length difference is a lower bound of the distance,
 * so a 60,000-character word costs nothing against short names, and a row
 * whose every cell is above the limit ends the work.
 */
export function editDistance(a: string, b: string, transpositions = false, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let twoAbove: number[] = [];
  let above: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row: number[] = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((above[j] as number) + 1, (row[j - 1] as number) + 1, (above[j - 1] as number) + cost);
      if (transpositions && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (twoAbove[j - 2] as number) + 1);
      }
      row.push(best);
      if (best < rowMin) rowMin = best;
    }
    if (rowMin > limit) return limit + 1;
    twoAbove = above;
    above = row;
  }
  return Math.min(above[b.length] as number, limit + 1);
}
