/**
 * Better words for the two mistakes people make most with calendar specs,
 * where the parser's own reason would point at a symptom: a misspelt word
 * ("dayly", "Mnday") and a time zone systemd does not know ("Europe/Berlinn").
 * Only the reason and the offsets change; the verdict is systemd's.
 */

import { editDistance } from "../../core/edit-distance.js";
import { shorthands } from "./shorthands.js";
import type { CalendarError } from "./spec.js";
import { weekdayLongNames, weekdayNames } from "./spec.js";

const words = [...shorthands.filter((s) => !s.undocumented).map((s) => s.name), ...weekdayNames, ...weekdayLongNames];

function suggestion(word: string): string | undefined {
  const w = word.toLowerCase();
  let best: [string, number] | undefined;
  const limit = Math.max(1, Math.floor(word.length / 3));
  for (const candidate of words) {
    const d = editDistance(w, candidate.toLowerCase(), false, limit);
    if (d <= limit && (!best || d < best[1])) best = [candidate, d];
  }
  return best?.[0];
}

/**
 * `reparse` parses a text with the same environment, to learn whether the
 * spec is valid without its last word.
 */
export function explainFailure(input: string, failure: CalendarError, reparse: (text: string) => boolean): CalendarError {
  const lastSpace = input.lastIndexOf(" ");
  const last = input.slice(lastSpace + 1);
  if (lastSpace > 0 && /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)+$|^[A-Z][A-Za-z]+$/.test(last) && reparse(input.slice(0, lastSpace))) {
    return {
      ...failure,
      reason: `unknown time zone '${last}': systemd accepts UTC, this machine's zone names and the zones under /usr/share/zoneinfo (e.g. Europe/Berlin)`,
      from: lastSpace + 1,
      to: input.length,
    };
  }
  // cron's "*/15" in place of systemd's "0/15".
  if (input[failure.from] === "/" && input[failure.from - 1] === "*") {
    return {
      ...failure,
      reason: "'*/…' is cron syntax; systemd repeats from a start value: write 0/15 (or *:0/15 for every 15 minutes)",
      from: failure.from - 1,
      to: failure.from + 1,
    };
  }
  // The word of letters the parser stopped in or at.
  for (const m of input.matchAll(/[A-Za-z]+(?:-[A-Za-z]+)?/g)) {
    const from = m.index ?? 0;
    const word = m[0];
    if (failure.from < from || failure.from > from + word.length) continue;
    if (words.some((w) => w.toLowerCase() === word.toLowerCase())) break;
    const close = suggestion(word);
    const hint = close
      ? `; did you mean '${close}'?`
      : " (minutely, hourly, daily, weekly, monthly, yearly, quarterly, semiannually, or Mon … Sun)";
    return { ...failure, reason: `'${word}' is neither a weekday nor a shorthand${hint}`, from, to: from + word.length };
  }
  return failure;
}
