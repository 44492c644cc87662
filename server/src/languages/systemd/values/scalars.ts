import { parseNanoTimespan, parseTimespan } from "../../calendar/timespan.js";
import { ok, problem, type ValueContext, type ValueProblem, type ValueValidator } from "./types.js";

const trueWords = ["1", "yes", "y", "true", "t", "on"];
const falseWords = ["0", "no", "n", "false", "f", "off"];

export function parseBoolean(value: string): boolean | undefined {
  const v = value.toLowerCase();
  if (trueWords.includes(v)) return true;
  if (falseWords.includes(v)) return false;
  return undefined;
}

export const booleanHint = "yes/no, true/false, on/off or 1/0";

export const validateBoolean: ValueValidator = (value) =>
  parseBoolean(value) === undefined ? problem(`'${value}' is not a boolean; write ${booleanHint}`) : ok;

export const validateTristate: ValueValidator = (value, ctx) => (value === "" ? ok : validateBoolean(value, ctx));

/** An integer as strtol/strtoul read it with base 0: decimal, 0x hex or 0 octal, optional sign. */
export function parseInteger(value: string): number | undefined {
  const m = /^[ \t]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(value);
  if (!m) return undefined;
  const digits = m[2] as string;
  const n =
    digits.startsWith("0x") || digits.startsWith("0X")
      ? Number.parseInt(digits.slice(2), 16)
      : digits.length > 1 && digits.startsWith("0")
        ? Number.parseInt(digits, 8)
        : Number(digits);
  return m[1] === "-" ? -n : n;
}

export function integerIn(min: number, max: number, extra: string[] = []): ValueValidator {
  return (value) => {
    if (extra.includes(value)) return ok;
    const n = parseInteger(value);
    const also = extra.length > 0 ? ` or ${extra.map((e) => `'${e}'`).join(", ")}` : "";
    if (n === undefined) return problem(`'${value}' is not an integer; expected ${min}..${max}${also}`);
    if (n < min || n > max) return problem(`${value} is out of range; expected ${min}..${max}${also}`);
    return ok;
  };
}

export const validateSignedInt = integerIn(-2147483648, 2147483647);
export const validateUnsigned = integerIn(0, 4294967295);

export function validateTimespanValue(value: string, ctx: ValueContext): ValueProblem[] {
  if (value === "") return ok;
  const r = ctx.parser?.parser === "config_parse_nsec" ? parseNanoTimespan(value) : parseTimespan(value);
  if (r.ok) return ok;
  return problem(`Invalid time span '${value}': ${r.reason}. Write e.g. '90s', '5min 30s', '1h' or 'infinity'.`, r.offset, value.length);
}

const isDigitAt = (s: string, i: number) => {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
};
const sizeSuffixes: readonly (readonly [string, bigint])[] = [
  ["E", 1n << 60n],
  ["P", 1n << 50n],
  ["T", 1n << 40n],
  ["G", 1n << 30n],
  ["M", 1n << 20n],
  ["K", 1n << 10n],
  ["B", 1n],
  ["", 1n],
];
const U64_MAX = (1n << 64n) - 1n;
/** systemd's WHITESPACE, skipped between the parts of a size. */
const isBlankAt = (s: string, i: number) => s[i] === " " || s[i] === "\t" || s[i] === "\n" || s[i] === "\r";
/** isspace(), which strtoull() skips before the number. */
const isCSpaceAt = (s: string, i: number) => isBlankAt(s, i) || s[i] === "\v" || s[i] === "\f";

/** strtoull() of the digits in [start, end): undefined when it overflows (ERANGE); a long run never reaches BigInt. */
function unsignedDigits(s: string, start: number, end: number): bigint | undefined {
  let i = start;
  while (i < end - 1 && s[i] === "0") i++;
  if (end - i > 20) return undefined;
  const n = BigInt(s.slice(i, end));
  return n > U64_MAX ? undefined : n;
}

/**
 * A byte size with base-1024 suffixes as systemd's parse_size() reads it: the
 * number of bytes, or undefined where systemd refuses the value. Parts are
 * `N[.N][suffix]` with blanks around them; each part's suffix must be a larger
 * unit than the next one's (`1G 512M`, never `512M 1G`), and a part without a
 * suffix ends the value, so `1 2` and `1.5.5` are refused. A dot with no digits
 * after it is allowed (`10.M`). A number or fraction beyond 64 bits, or a sum
 * beyond them, is out of range. A scanner: no regular expression backtracks.
 */
export function parseIecSize(value: string): bigint | undefined {
  let total = 0n;
  let p = 0;
  let first = 0;
  do {
    while (isBlankAt(value, p)) p++;
    const refused = value[p] === "-";
    let e = p;
    while (isCSpaceAt(value, e)) e++;
    const negative = value[e] === "-";
    if (value[e] === "+" || value[e] === "-") e++;
    const digits = e;
    while (isDigitAt(value, e)) e++;
    if (e === digits) return undefined;
    const magnitude = unsignedDigits(value, digits, e);
    if (magnitude === undefined || refused) return undefined;
    // strtoull() takes a minus it was not stopped at (after a vertical tab) and wraps the number around.
    const whole = negative && magnitude > 0n ? U64_MAX + 1n - magnitude : magnitude;
    let fraction = 0;
    if (value[e] === ".") {
      e++;
      if (isDigitAt(value, e)) {
        const from = e;
        while (isDigitAt(value, e)) e++;
        const tenths = unsignedDigits(value, from, e);
        if (tenths === undefined) return undefined;
        fraction = Number(tenths);
        for (let k = from; k < e; k++) fraction /= 10;
      }
    }
    while (isBlankAt(value, e)) e++;
    let unit = first;
    while (unit < sizeSuffixes.length && !value.startsWith((sizeSuffixes[unit] as readonly [string, bigint])[0], e)) unit++;
    const [suffix, factor] = sizeSuffixes[unit] ?? ["", 0n];
    if (factor === 0n) return undefined;
    if (whole + (fraction > 0 ? 1n : 0n) > U64_MAX / factor) return undefined;
    const part = whole * factor + BigInt(Math.trunc(fraction * Number(factor)));
    if (part > U64_MAX - total) return undefined;
    total += part;
    p = e + suffix.length;
    first = unit + 1;
  } while (p < value.length);
  return total;
}

export function isIecSize(value: string): boolean {
  return parseIecSize(value) !== undefined;
}

export const validateIecSize: ValueValidator = (value) =>
  value === "" || isIecSize(value)
    ? ok
    : problem(`'${value}' is not a byte size; write a number with an optional K, M, G, T, P or E suffix`);

/** A percentage as parse_permyriad() reads it: N%, N.N%, N‰ or N‱. */
export function parsePercent(value: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(%|‰|‱)$/.exec(value);
  if (!m) return undefined;
  const n = Number(m[1]);
  return m[2] === "%" ? n : m[2] === "‰" ? n / 10 : n / 100;
}

/** Limits where 0 is allowed (a protection or a swap cap of nothing); any other limit of 0 bytes systemd ignores as out of range. */
const zeroAllowed = new Set(["MemorySwapMax", "MemoryZSwapMax", "MemoryLow", "MemoryMin", "DefaultMemoryLow", "DefaultMemoryMin"]);

export const validateMemoryLimit: ValueValidator = (value, ctx) => {
  if (value === "" || value === "infinity") return ok;
  const p = parsePercent(value);
  const bytes = p === undefined ? parseIecSize(value) : undefined;
  if (p === undefined && bytes === undefined)
    return problem(`'${value}' is not a memory limit; write a size such as 512M or 2G, a percentage such as 50%, or 'infinity'`);
  if (p !== undefined && p > 100) return problem(`${value} is more than 100% of the physical memory`);
  if ((p === 0 || bytes === 0n) && !zeroAllowed.has(ctx.directive.name))
    return problem(`${ctx.directive.name}=${value} is out of range: systemd ignores a limit of 0; write a size above zero or 'infinity'`);
  // The all-ones 64-bit number is what systemd keeps for "infinity": as a number it is out of range.
  if (bytes === U64_MAX) return problem(`${value} is out of range for a memory limit; write 'infinity' for no limit`);
  return ok;
};

export const validateTasksMax: ValueValidator = (value) => {
  if (value === "" || value === "infinity") return ok;
  const percent = parsePercent(value);
  if (percent !== undefined)
    return percent > 0 && percent <= 100 ? ok : problem(`${value} is not a percentage in 0%..100% of the system's limit`);
  if ((parseInteger(value) ?? -1) > 0) return ok;
  return problem(`'${value}' is not a task limit; write a positive number, a percentage or 'infinity'`);
};

export const validateCpuQuota: ValueValidator = (value) => {
  if (value === "") return ok;
  const p = parsePercent(value);
  if (p === undefined) return problem(`'${value}' is not a CPU quota; write a percentage such as 50% or 200%`);
  return p > 0 ? ok : problem("A CPU quota must be more than 0%");
};

export const validatePercent0to100: ValueValidator = (value) => {
  if (value === "") return ok;
  const p = parsePercent(value);
  if (p === undefined) return problem(`'${value}' is not a percentage; write e.g. 60%`);
  return p <= 100 ? ok : problem(`${value} is more than 100%`);
};

export const validateMode: ValueValidator = (value) => {
  if (value === "") return ok;
  if (!/^\s*[0-7]+$/.test(value)) return problem(`'${value}' is not an octal file mode; write e.g. 0755`);
  return Number.parseInt(value, 8) <= 0o7777 ? ok : problem(`${value} is larger than the largest file mode 07777`);
};

/** ManagedOOM*= settings: systemd-oomd manages only services, slices and scopes; elsewhere systemd ignores the line. */
export function onlyForManagedOom(validate: ValueValidator): ValueValidator {
  return (value, ctx) => {
    if (ctx.unitType && !["service", "slice", "scope"].includes(ctx.unitType))
      return problem(
        `${ctx.directive.name}= is not supported in a .${ctx.unitType} unit: systemd ignores it; set it on the service or slice`,
      );
    return validate(value, ctx);
  };
}
