/** C string helpers with the C locale's ASCII-only case folding, as systemd's string-util.h uses them. */

/** ASCII letters folded to lower case, everything else as is (the C locale's tolower()). */
function foldedAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c >= 65 && c <= 90 ? c + 32 : c;
}

function equalAt(s: string, at: number, t: string): boolean {
  for (let i = 0; i < t.length; i++) if (foldedAt(s, at + i) !== foldedAt(t, i)) return false;
  return true;
}

export function equalsNoCase(a: string, b: string): boolean {
  return a.length === b.length && equalAt(a, 0, b);
}

export function startsWithNoCase(s: string, prefix: string, at = 0): boolean {
  return at + prefix.length <= s.length && equalAt(s, at, prefix);
}

/** `endswith_no_case()`: the offset where `suffix` starts at the end of `s`, or -1. */
export function endsWithNoCase(s: string, suffix: string): number {
  const at = s.length - suffix.length;
  return at >= 0 && equalAt(s, at, suffix) ? at : -1;
}

export const isDigit = (c: string | undefined): boolean => c !== undefined && c >= "0" && c <= "9";

/** isspace() in the C locale. */
export const isCSpace = (c: string | undefined): boolean => c === " " || c === "\t" || c === "\n" || c === "\v" || c === "\f" || c === "\r";

/** A C function sees a string only up to its first NUL. */
export function cString(s: string): string {
  const nul = s.indexOf("\0");
  return nul < 0 ? s : s.slice(0, nul);
}

export const ULONG_MAX = (1n << 64n) - 1n;

/**
 * `strtoul(s + at, &end, 10)`: leading white space, an optional sign (a minus
 * negates modulo 2^64), then decimal digits. `end === at` when nothing was
 * converted; `overflow` when the digits exceed ULONG_MAX (ERANGE).
 */
export function strtoul(s: string, at: number): { value: bigint; end: number; overflow: boolean } {
  let p = at;
  while (isCSpace(s[p])) p++;
  let negative = false;
  if (s[p] === "+" || s[p] === "-") negative = s[p++] === "-";
  const digits = p;
  while (isDigit(s[p])) p++;
  if (p === digits) return { value: 0n, end: at, overflow: false };
  // More than 20 significant digits exceed ULONG_MAX: known without BigInt(), whose decimal parsing is quadratic in the length.
  let significant = digits;
  while (significant < p - 1 && s[significant] === "0") significant++;
  if (p - significant > 20) return { value: ULONG_MAX, end: p, overflow: true };
  const value = BigInt(s.slice(digits, p));
  if (value > ULONG_MAX) return { value: ULONG_MAX, end: p, overflow: true };
  return { value: negative && value !== 0n ? (1n << 64n) - value : value, end: p, overflow: false };
}
