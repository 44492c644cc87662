import { editDistance } from "../../core/edit-distance.js";
import type { Dialect, FieldInfo } from "./data.js";

/**
 * One time field evaluated the way Debian's cron (entry.c: get_list,
 * get_range, get_number) reads it, including what it silently accepts:
 * a list of elements, each `*`, a number or name, or a range `a-b`, with an
 * optional `/step` after `*` or a range. Whatever follows the last element
 * that cron understood, up to the next blank, is skipped without a word
 * (`5;x` is 5, `1#2` is 1). A range whose start is past its end selects
 * nothing; a step wider than the range selects only its start. Day of week 7
 * is Sunday, like 0.
 */

export type FieldProblemKind =
  | "field-range"
  | "zero-step"
  | "unknown-name"
  | "unsupported-syntax"
  | "invalid"
  | "reversed-range"
  | "step-beyond-range"
  | "ignored-text";

export interface FieldProblem {
  kind: FieldProblemKind;
  /** Offsets in the field's text. */
  start: number;
  end: number;
  message: string;
  /** A replacement for [start, end) when one is obvious. */
  suggestion?: string;
}

export interface FieldValue {
  /** Whether cron accepts the field (no problem of an error kind). */
  ok: boolean;
  /** The values cron selects (day of week: 0 and 7 both stand for Sunday and are both set). */
  values: Set<number>;
  /** Cron's DOM_STAR / DOW_STAR flag: the field's first character is '*'. */
  star: boolean;
  /** cronie's `a~b`: a value picked at random when cron loads the file. */
  random: boolean;
  problems: FieldProblem[];
  /** The part of the text cron reads (without the ignored tail). */
  read: string;
}

/** Problems after which cron rejects the line. */
export const errorKinds: ReadonlySet<FieldProblemKind> = new Set([
  "field-range",
  "zero-step",
  "unknown-name",
  "unsupported-syntax",
  "invalid",
]);

const MAX_TEMPSTR = 100;
const isAlnum = (ch: string | undefined) => ch !== undefined && /^[A-Za-z0-9]$/.test(ch);

/** C's atoi on a string of digits: strtol saturating at LONG_MAX, then truncated to int. */
export function atoi(digits: string): number {
  let n = BigInt(digits === "" ? "0" : digits);
  const longMax = (1n << 63n) - 1n;
  if (n > longMax) n = longMax;
  return Number(BigInt.asIntN(32, n));
}

/** The verdict on a field, thrown to leave the parse; a control-flow value, so it records no stack (that was most of its cost). */
class Failure extends Error {
  readonly problem: FieldProblem;
  constructor(problem: FieldProblem) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(problem.message);
    Error.stackTraceLimit = limit;
    this.problem = problem;
  }
}

const cronParserOnly = /^(L|LW|\d*L|L-\d+|\d+W|W|H)$/i;

export function evaluateField(text: string, info: FieldInfo, dialect: Dialect): FieldValue {
  const result: FieldValue = { ok: true, values: new Set(), star: text.startsWith("*"), random: false, problems: [], read: text };
  const label = info.name;
  let pos = 0;

  const fail = (kind: FieldProblemKind, start: number, end: number, message: string, suggestion?: string): never => {
    throw new Failure({ kind, start, end: Math.max(end, start + 1), message, ...(suggestion !== undefined ? { suggestion } : {}) });
  };

  /** get_number: alphanumerics, a name of this field, or digits. */
  const number = (withNames: boolean, what: string): number => {
    const start = pos;
    while (isAlnum(text[pos])) pos++;
    const word = text.slice(start, pos);
    if (word.length >= MAX_TEMPSTR) fail("invalid", start, pos, `'${word.slice(0, 20)}...' is too long for cron`);
    if (word === "") {
      const ch = text[pos];
      if (ch === undefined) fail("invalid", Math.max(0, start - 1), start, `The ${label} field ends where ${what} is expected.`);
      if (ch === "?" || ch === "$" || (ch === "~" && dialect !== "cronie"))
        fail(
          "unsupported-syntax",
          start,
          start + 1,
          ch === "~"
            ? `'~' (a random value) is cronie syntax; Debian's cron rejects the line.`
            : `'${ch}' is not cron syntax (${ch === "?" ? "cron-parser and Quartz accept it for 'any'" : "only newer upstream Vixie cron reads it as 'last day'"}); cron rejects the line.${ch === "?" ? " Write *." : ""}`,
          ch === "?" ? "*" : undefined,
        );
      fail("invalid", start, start + 1, `'${ch}' cannot start ${what} in the ${label} field.`);
    }
    if (withNames && info.names.length > 0) {
      const i = info.names.indexOf(word.toLowerCase());
      if (i >= 0) return i + info.min;
    }
    if (/^\d+$/.test(word)) return atoi(word);
    if (cronParserOnly.test(word))
      fail(
        "unsupported-syntax",
        start,
        pos,
        `'${word}' (last day / nearest weekday / hashed value) is cron-parser or Quartz syntax; cron rejects the line.`,
      );
    const suggestion = info.names.length > 0 ? suggestName(word, info.names) : undefined;
    fail(
      "unknown-name",
      start,
      pos,
      info.names.length > 0
        ? `Unknown ${label} name '${word}'${suggestion ? `; did you mean '${suggestion}'?` : `; use ${info.names.join(", ")} or a number`}`
        : `'${word}' is not a number; the ${label} field takes ${info.min}-${info.max}.`,
      suggestion,
    );
    return 0;
  };

  const inRange = (n: number, start: number, end: number) => {
    if (n < info.min || n > info.max)
      fail("field-range", start, end, `${n} is out of range for the ${label} field (${info.min}-${info.max}).`);
  };

  const element = (): void => {
    const elementStart = pos;
    let first: number;
    let last: number;
    let isStar = false;
    let rangeEnd = pos;
    if (dialect === "cronie" && /^\d*~\d*/.test(text.slice(pos))) {
      pos += (/^\d*~\d*/.exec(text.slice(pos)) as RegExpExecArray)[0].length;
      result.random = true;
      return;
    }
    if (text[pos] === "*") {
      first = info.min;
      last = info.max;
      isStar = true;
      pos++;
      rangeEnd = pos;
    } else {
      const s1 = pos;
      first = number(true, "a value");
      const e1 = pos;
      if (text[pos] === "/") {
        fail(
          "unsupported-syntax",
          elementStart,
          pos + 1 + (/^\d*/.exec(text.slice(pos + 1))?.[0].length ?? 0),
          `A step after a single value ('${text.slice(elementStart, pos)}/…') is cron-parser syntax; cron rejects the line. Write ${text.slice(elementStart, pos)}-${info.max}/… for 'from ${text.slice(elementStart, pos)} on'.`,
        );
      }
      if (text[pos] !== "-") {
        inRange(first, s1, e1);
        result.values.add(first);
        return;
      }
      pos++;
      const s2 = pos;
      last = number(true, "the end of the range");
      rangeEnd = pos;
      if (first < info.min || first > info.max) inRange(first, s1, e1);
      inRange(last, s2, pos);
    }
    let step = 1;
    let stepStart = pos;
    if (text[pos] === "/") {
      pos++;
      stepStart = pos;
      step = number(false, "a step");
      if (step === 0) fail("zero-step", elementStart, pos, `A step of 0 is not allowed; cron rejects the line.`);
      if (step < 0) fail("invalid", stepStart, pos, `Step ${text.slice(stepStart, pos)} is too large for cron.`);
    }
    if (first > last) {
      // Sunday is 7 as well as 0, so a weekday range ending on Sunday wraps without a second part.
      const wrapped = info.name === "day-of-week" && last === 0 ? `${first}-7` : `${first}-${info.max},${info.min}-${last}`;
      result.problems.push({
        kind: "reversed-range",
        start: elementStart,
        end: rangeEnd,
        message: `The range ${text.slice(elementStart, rangeEnd)} runs backwards: cron selects nothing from it (ranges do not wrap around). Write ${wrapped} to wrap.`,
        suggestion: wrapped,
      });
    } else if (step > last - first && step > 1) {
      result.problems.push({
        kind: "step-beyond-range",
        start: elementStart,
        end: pos,
        message: `Step ${step} is larger than the range ${isStar ? "*" : `${first}-${last}`} (${first}-${last}): only ${first} is selected.${info.name === "hour" && step < 60 ? " A step in minutes belongs in the minute field." : ""}`,
      });
    }
    for (let i = first; i <= last; i = (i + step) | 0) {
      if (i < info.min) fail("invalid", elementStart, pos, `Step ${step} overflows in cron.`);
      result.values.add(i);
    }
  };

  if (info.name === "minute" && text.startsWith("-")) {
    // cronie: a leading '-' keeps the job's runs out of syslog. Debian's cron has no such thing.
    if (dialect !== "cronie") {
      result.ok = false;
      result.problems.push({
        kind: "unsupported-syntax",
        start: 0,
        end: 1,
        message: "A leading '-' (do not log the job's runs) is cronie syntax; Debian's cron rejects the line.",
      });
      return result;
    }
    pos = 1;
    result.star = text[1] === "*";
  }
  try {
    for (;;) {
      element();
      if (text[pos] === ",") {
        pos++;
        continue;
      }
      break;
    }
    if (pos < text.length) {
      const tail = text.slice(pos);
      result.read = text.slice(0, pos);
      if (tail.startsWith("~") && dialect !== "cronie") {
        result.problems.push({
          kind: "unsupported-syntax",
          start: pos,
          end: text.length,
          message: `'${text}' (a random value) is cronie syntax: Debian's cron ignores '${tail}' and reads only '${text.slice(0, pos)}'.`,
        });
      } else if (tail.startsWith("#") && info.name === "day-of-week") {
        result.problems.push({
          kind: "unsupported-syntax",
          start: pos,
          end: text.length,
          message: `'nth weekday of the month' ('${text}') is cron-parser syntax: cron ignores '${tail}' and runs on every day ${text.slice(0, pos)} of the week.`,
        });
      } else {
        result.problems.push({
          kind: "ignored-text",
          start: pos,
          end: text.length,
          message: `cron ignores '${tail}' after '${text.slice(0, pos)}' in the ${label} field and reads only '${text.slice(0, pos)}'.`,
          suggestion: "",
        });
      }
    }
  } catch (e) {
    if (!(e instanceof Failure)) throw e;
    result.ok = false;
    result.problems.push(e.problem);
  }
  if (info.name === "day-of-week" && (result.values.has(0) || result.values.has(7))) {
    result.values.add(0);
    result.values.add(7);
  }
  return result;
}

/** The closest name of a field for a misspelled or over-long one (Monday → mon). */
export function suggestName(word: string, names: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  const prefix = names.find((n) => lower.startsWith(n) || (lower.length >= 2 && n.startsWith(lower)));
  if (prefix) return prefix;
  let best: string | undefined;
  let bestDistance = lower.length > 4 ? 3 : 2;
  for (const n of names) {
    const d = editDistance(lower, n, false, bestDistance);
    if (d < bestDistance) {
      best = n;
      bestDistance = d;
    }
  }
  return best;
}
