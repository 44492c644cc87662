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
const isSpaceAt = (s: string, i: number) => /\s/.test(s[i] ?? "");
const sizeSuffixes = "KMGTPEB";

/**
 * Byte sizes with base-1024 suffixes, as parse_size() reads them: one or more
 * `N[.N][suffix]` parts, blanks allowed around each. A scanner, not a regular
 * expression: the nested repetition `(\d+…)+` backtracks exponentially on a
 * long run of digits followed by a wrong letter.
 */
export function isIecSize(value: string): boolean {
  let i = 0;
  while (isSpaceAt(value, i)) i++;
  if (i === value.length) return false;
  while (i < value.length) {
    if (!isDigitAt(value, i)) return false;
    while (isDigitAt(value, i)) i++;
    // `1.25.5` reads as the parts `1.2` and `5.5`: a fraction of two or more digits may lend its tail to the next part.
    let fraction = Number.POSITIVE_INFINITY;
    while (value[i] === "." && isDigitAt(value, i + 1) && fraction >= 2) {
      const start = ++i;
      while (isDigitAt(value, i)) i++;
      fraction = i - start;
    }
    while (isSpaceAt(value, i)) i++;
    if (i < value.length && sizeSuffixes.includes(value[i] as string)) i++;
    while (isSpaceAt(value, i)) i++;
  }
  return true;
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
  const zero = p === 0 || (p === undefined && isIecSize(value) && !/[1-9]/.test(value));
  if (zero && !zeroAllowed.has(ctx.directive.name))
    return problem(`${ctx.directive.name}=${value} is out of range: systemd ignores a limit of 0; write a size above zero or 'infinity'`);
  if (p === undefined && isIecSize(value)) return ok;
  if (p !== undefined) return p <= 100 ? ok : problem(`${value} is more than 100% of the physical memory`);
  return problem(`'${value}' is not a memory limit; write a size such as 512M or 2G, a percentage such as 50%, or 'infinity'`);
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
