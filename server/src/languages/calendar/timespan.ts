/**
 * Time spans as systemd reads them (`parse_time()`/`parse_nsec()` in
 * src/basic/time-util.c) and prints them (`format_timespan()`). Values are
 * bigint microseconds (or nanoseconds) because systemd's arithmetic is
 * unsigned 64-bit and users do write `infinity` and huge values.
 */

export const USEC_INFINITY = (1n << 64n) - 1n;
export const NSEC_INFINITY = USEC_INFINITY;

const SEC = 1_000_000n;
const MINUTE = 60n * SEC;
const HOUR = 60n * MINUTE;
const DAY = 24n * HOUR;
const WEEK = 7n * DAY;
const MONTH = 2_629_800n * SEC;
const YEAR = 31_557_600n * SEC;

/** Suffix → microseconds. Matched longest-first, as the table order of extract_multiplier() does in effect. */
const usecUnits: [string, bigint][] = [
  ["seconds", SEC],
  ["second", SEC],
  ["sec", SEC],
  ["s", SEC],
  ["minutes", MINUTE],
  ["minute", MINUTE],
  ["min", MINUTE],
  ["months", MONTH],
  ["month", MONTH],
  ["M", MONTH],
  ["msec", 1000n],
  ["ms", 1000n],
  ["m", MINUTE],
  ["hours", HOUR],
  ["hour", HOUR],
  ["hr", HOUR],
  ["h", HOUR],
  ["days", DAY],
  ["day", DAY],
  ["d", DAY],
  ["weeks", WEEK],
  ["week", WEEK],
  ["w", WEEK],
  ["years", YEAR],
  ["year", YEAR],
  ["y", YEAR],
  ["usec", 1n],
  ["us", 1n],
  ["µs", 1n],
  ["μs", 1n],
];

const byLength = (a: [string, bigint], b: [string, bigint]) => b[0].length - a[0].length;
const usecSuffixes = [...usecUnits].sort(byLength);
const nsecSuffixes = [
  ...usecUnits.map(([s, v]): [string, bigint] => [s, v * 1000n]),
  ["nsec", 1n] as [string, bigint],
  ["ns", 1n] as [string, bigint],
].sort(byLength);

/** The unit words systemd accepts after a number, for completion and messages. */
export const timespanUnitWords = usecUnits.map(([s]) => s);

/** `outOfRange` marks the failures systemd reports as ERANGE (negative or too large) rather than EINVAL. */
export type TimespanResult = { ok: true; value: bigint } | { ok: false; reason: string; offset: number; outOfRange?: boolean };

const isSpace = (c: string | undefined) => c === " " || c === "\t" || c === "\n" || c === "\r";
const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";

function skipSpace(s: string, i: number): number {
  while (i < s.length && isSpace(s[i])) i++;
  return i;
}

/** The first characters of the unit words: a term followed by anything else has no unit, without trying the whole table. */
const unitInitials = new Set([...usecUnits, ["ns", 1n]].map(([s]) => (s as string)[0]));

function matchSuffix(s: string, i: number, table: [string, bigint][]): [number, bigint] | undefined {
  if (!unitInitials.has(s[i])) return undefined;
  for (const [suffix, mult] of table) if (s.startsWith(suffix, i)) return [i + suffix.length, mult];
  return undefined;
}

/** What strtoll() skips before a number (C isspace()), a wider set than systemd's own WHITESPACE. */
const isCSpace = (c: string | undefined) => c === " " || c === "\t" || c === "\n" || c === "\v" || c === "\f" || c === "\r";
const LLONG_MAX = (1n << 63n) - 1n;

function parse(text: string, defaultUnit: bigint, table: [string, bigint][], infinity: bigint): TimespanResult {
  let p = skipSpace(text, 0);
  if (text.startsWith("infinity", p)) {
    const rest = skipSpace(text, p + 8);
    return rest === text.length ? { ok: true, value: infinity } : { ok: false, reason: "nothing may follow 'infinity'", offset: rest };
  }
  const tooLarge = (offset: number): TimespanResult => ({ ok: false, reason: "the time span is too large", offset, outOfRange: true });
  let total = 0n;
  let something = false;
  for (;;) {
    p = skipSpace(text, p);
    if (p >= text.length) {
      return something ? { ok: true, value: total } : { ok: false, reason: "a time span needs a number", offset: p };
    }
    const termStart = p;
    if (text[p] === "-") return { ok: false, reason: "a time span cannot be negative", offset: p, outOfRange: true };
    // strtoll(): optional C whitespace and sign, then digits; without digits the number ends where it began.
    let q = p;
    while (isCSpace(text[q])) q++;
    const negative = text[q] === "-";
    if (text[q] === "+" || text[q] === "-") q++;
    const digitsStart = q;
    while (isDigit(text[q])) q++;
    if (q === digitsStart) q = termStart;
    // More than 19 significant digits exceed LLONG_MAX: known without BigInt(), whose decimal parsing is quadratic in the length.
    let significant = digitsStart;
    while (significant < q - 1 && text[significant] === "0") significant++;
    if (q > termStart && q - significant > 19) return tooLarge(termStart);
    const whole = q > termStart ? BigInt(text.slice(digitsStart, q)) : 0n;
    if (whole > LLONG_MAX) return tooLarge(termStart);
    if (negative && whole > 0n) return { ok: false, reason: "a time span cannot be negative", offset: termStart, outOfRange: true };
    let fraction: string | undefined;
    if (text[q] === ".") {
      let f = q + 1;
      while (isDigit(text[f])) f++;
      fraction = text.slice(q + 1, f);
      q = f;
    } else if (q === termStart) {
      return { ok: false, reason: `expected a number, found '${text.slice(termStart, termStart + 8)}'`, offset: termStart };
    }
    const afterSpace = skipSpace(text, q);
    const matched = matchSuffix(text, afterSpace, table);
    let multiplier = defaultUnit;
    if (matched) {
      [p, multiplier] = matched;
    } else if (afterSpace === q && q < text.length) {
      return { ok: false, reason: `unknown time unit '${wordAt(text, q)}'`, offset: q };
    } else {
      p = afterSpace;
    }
    // The same overflow checks as systemd's unsigned 64-bit arithmetic.
    if (whole >= infinity / multiplier) return tooLarge(termStart);
    const k = whole * multiplier;
    if (k >= infinity - total) return tooLarge(termStart);
    total += k;
    if (fraction !== undefined) {
      let m = multiplier / 10n;
      for (const digit of fraction) {
        if (m === 0n) break; // the digits below the unit's resolution add nothing
        const d = BigInt(digit) * m;
        if (d >= infinity - total) return tooLarge(termStart);
        total += d;
        m /= 10n;
      }
      if (fraction === "") return { ok: false, reason: "a digit must follow the decimal point", offset: q };
    }
    something = true;
  }
}

function wordAt(s: string, i: number): string {
  let j = i;
  while (j < s.length && !isSpace(s[j])) j++;
  return s.slice(i, Math.min(j, i + 16));
}

/** Parses a span where a bare number means seconds; the result is in microseconds. */
export function parseTimespan(text: string, defaultUnit: bigint = SEC): TimespanResult {
  return parse(text, defaultUnit, usecSuffixes, USEC_INFINITY);
}

/** Parses a span where a bare number means nanoseconds (TimerSlackNSec=); the result is in nanoseconds. */
export function parseNanoTimespan(text: string): TimespanResult {
  return parse(text, 1n, nsecSuffixes, NSEC_INFINITY);
}

const formatTable: [string, bigint][] = [
  ["y", YEAR],
  ["month", MONTH],
  ["w", WEEK],
  ["d", DAY],
  ["h", HOUR],
  ["min", MINUTE],
  ["s", SEC],
  ["ms", 1000n],
  ["us", 1n],
];

/** Formats microseconds the way systemd does (`format_timespan()`), e.g. `1min 1.500000s`. */
export function formatTimespan(usec: bigint, accuracy = 1n): string {
  if (usec === USEC_INFINITY) return "infinity";
  if (usec <= 0n) return "0";
  let t = usec;
  const parts: string[] = [];
  for (const [suffix, unit] of formatTable) {
    if (t <= 0n) break;
    if (t < accuracy && parts.length > 0) break;
    if (t < unit) continue;
    const a = t / unit;
    let b = t % unit;
    if (t < MINUTE && b > 0n) {
      let j = 0;
      for (let cc = unit; cc > 1n; cc /= 10n) j++;
      for (let cc = accuracy; cc > 1n; cc /= 10n) {
        b /= 10n;
        j--;
      }
      if (j > 0) {
        parts.push(`${a}.${b.toString().padStart(j, "0")}${suffix}`);
        t = 0n;
        continue;
      }
    }
    parts.push(`${a}${suffix}`);
    t = b;
  }
  return parts.join(" ");
}
