/**
 * `calendar_spec_from_string()` (src/shared/calendarspec.c), step by step,
 * so that it accepts and refuses exactly what systemd does and fails with
 * the same error number; on top of that every failure carries a reason and
 * the offsets of the offending text. Never throws.
 */
import { civilFromDays } from "./broken-down.js";
import { normalizeSpec, validateSpec } from "./check-spec.js";
import { explainFailure } from "./explain-failure.js";
import { shorthandChains } from "./shorthands.js";
import {
  type CalendarErrno,
  type CalendarParseResult,
  type CalendarSpec,
  type Chain,
  COMPONENTS_MAX,
  type Component,
  emptySpec,
  USEC_PER_SEC,
  weekdayLongNames,
  weekdayNames,
} from "./spec.js";
import { cString, endsWithNoCase, isDigit, startsWithNoCase, strtoul, ULONG_MAX } from "./text.js";

/** What the parser needs to know about the machine: the local zone's names and which IANA zones exist. */
export interface ParseEnvironment {
  tzname(): readonly [string, string];
  timezoneIsValid(name: string): boolean;
}

class SpecFailure {
  constructor(
    readonly errno: CalendarErrno,
    readonly reason: string,
    readonly from: number,
    readonly to: number,
  ) {}
}

function fail(errno: CalendarErrno, reason: string, from: number, to = from): never {
  throw new SpecFailure(errno, reason, from, to);
}

const INT_MAX = 2147483647;

/** Weekday names in the order systemd tries them (long before short). */
const dayNames: [string, number][] = weekdayLongNames.flatMap((long, i) => [
  [long, i] as [string, number],
  [weekdayNames[i] as string, i] as [string, number],
]);

/** A short description of the character at `i`, for messages. */
function describeAt(s: string, i: number): string {
  if (i >= s.length) return "the end";
  const c = s[i] as string;
  return c === " " ? "a space" : `'${c}'`;
}

class Parser {
  readonly spec: CalendarSpec = emptySpec();
  /** The text being parsed: the input without its time zone suffix. */
  s: string;
  p = 0;

  constructor(
    readonly input: string,
    s: string,
  ) {
    this.s = s;
  }

  at(i: number): string {
    return this.s[i] ?? "";
  }

  parseWeekdays(): void {
    const s = this.s;
    let l = -1;
    let lStart = -1;
    let first = true;
    for (;;) {
      const found = dayNames.find(([name]) => startsWithNoCase(s, name, this.p));
      if (!found) {
        if (first) return;
        fail("EINVAL", `expected a weekday (Mon … Sun), found ${describeAt(s, this.p)}`, this.p, wordEnd(s, this.p));
      }
      const [name, nr] = found;
      const nameStart = this.p;
      const after = this.at(this.p + name.length);
      if (!["", "-", ".", ",", " "].includes(after)) {
        fail(
          "EINVAL",
          `unexpected ${describeAt(s, this.p + name.length)} after the weekday '${s.slice(this.p, this.p + name.length)}'`,
          this.p + name.length,
          this.p + name.length + 1,
        );
      }
      this.spec.weekdaysBits |= 1 << nr;
      if (l >= 0) {
        if (l > nr) {
          fail(
            "EINVAL",
            `the weekday range '${s.slice(lStart, nameStart + name.length)}' runs backwards; ranges do not wrap around the end of the week (Sunday), write them as a list instead`,
            lStart,
            nameStart + name.length,
          );
        }
        for (let j = l + 1; j < nr; j++) this.spec.weekdaysBits |= 1 << j;
      }
      this.p += name.length;
      const c = this.at(this.p);
      if (c === "") return;
      if (c === " ") {
        this.skipSpaces();
        return;
      }
      if (c === ".") {
        if (l >= 0) fail("EINVAL", "a weekday range cannot be extended with another '..'", this.p, this.p + 1);
        if (this.at(this.p + 1) !== ".")
          fail("EINVAL", "a weekday range is written with '..' (Mon..Fri); a single '.' is not allowed", this.p, this.p + 1);
        l = nr;
        lStart = nameStart;
        this.p += 2;
      } else if (c === "-") {
        if (l >= 0) fail("EINVAL", "a weekday range cannot be extended with another '-'", this.p, this.p + 1);
        l = nr;
        lStart = nameStart;
        this.p += 1;
      } else if (c === ",") {
        l = -1;
        this.p += 1;
      }
      const next = this.at(this.p);
      if (next === "" || next === " ") {
        const end = this.p;
        this.skipSpaces();
        if (l >= 0) fail("EINVAL", `the weekday range '${s.slice(lStart, end)}' has no end`, lStart, end);
        return;
      }
      first = false;
    }
  }

  skipSpaces(): void {
    while (this.s[this.p] === " ") this.p++;
  }

  /** Returns true when the date was an `@` time stamp, after which no time may follow. */
  parseDate(): boolean {
    const s = this.s;
    let t = this.p;
    if (t >= s.length) return false;
    if (s[t] === "@") {
      this.parseEpoch(t);
      return true;
    }
    const first = this.parseChain(t, false);
    t = first.end;
    if (t >= s.length || s[t] === ":") return false;
    if (s[t] === "~") this.spec.endOfMonth = true;
    else if (s[t] !== "-") {
      fail("EINVAL", `expected '-' (or '~') between the parts of a date, or ':' after an hour; found ${describeAt(s, t)}`, t, t + 1);
    }
    const second = this.parseChain(t + 1, false);
    t = second.end;
    if (t >= s.length || s[t] === " ") {
      this.p = t;
      this.skipSpaces();
      this.spec.month = first.chain;
      this.spec.day = second.chain;
      return false;
    }
    if (this.spec.endOfMonth) {
      fail(
        "EINVAL",
        "'~' may only separate the month from the day (YEAR-MONTH~DAY)",
        s.indexOf("~", first.end),
        s.indexOf("~", first.end) + 1,
      );
    }
    if (s[t] === "~") this.spec.endOfMonth = true;
    else if (s[t] !== "-")
      fail("EINVAL", `expected '-' (or '~') before the day, or a space after the date; found ${describeAt(s, t)}`, t, t + 1);
    const third = this.parseChain(t + 1, false);
    t = third.end;
    if (t < s.length && s[t] !== " ") fail("EINVAL", `expected a space after the date, found ${describeAt(s, t)}`, t, t + 1);
    this.p = t;
    this.skipSpaces();
    this.spec.year = first.chain;
    this.spec.month = second.chain;
    this.spec.day = third.chain;
    return false;
  }

  parseEpoch(at: number): void {
    const s = this.s;
    const n = strtoul(s, at + 1);
    if (n.end === at + 1) fail("EINVAL", "'@' must be followed by seconds since 1970-01-01 00:00 UTC", at, at + 1);
    if (n.overflow) fail("ERANGE", "the number of seconds after '@' is too large", at, n.end);
    // time_t is signed: values of 2^63 and above wrap to negative times.
    const time = n.value >= 1n << 63n ? n.value - (1n << 64n) : n.value;
    const days = Number(time >= 0n ? time / 86400n : (time - 86399n) / 86400n);
    const secs = Number(time - BigInt(days) * 86400n);
    const [y, m, d] = civilFromDays(days);
    if (y - 1900 > INT_MAX || y - 1900 < -INT_MAX - 1 || y - 1900 > INT_MAX - 1900) {
      fail("ERANGE", "the time after '@' is too far from 1970 to be represented", at, n.end);
    }
    const c = (v: number): Chain => [{ start: v, stop: -1, repeat: 0, from: at, to: n.end }];
    this.spec.utc = true;
    this.spec.year = c(y);
    this.spec.month = c(m);
    this.spec.day = c(d);
    this.spec.hour = c(Math.floor(secs / 3600));
    this.spec.minute = c(Math.floor((secs % 3600) / 60));
    this.spec.microsecond = c((secs % 60) * USEC_PER_SEC);
    this.p = n.end;
  }

  parseTime(): void {
    const s = this.s;
    let t = this.p;
    const constant = (v: number): Chain => [{ start: v, stop: -1, repeat: 0, from: t, to: t }];
    if (t >= s.length) {
      this.spec.hour = constant(0);
      this.spec.minute = constant(0);
      this.spec.microsecond = constant(0);
      return;
    }
    const hour = this.parseChain(t, false);
    t = hour.end;
    if (s[t] !== ":") {
      fail(
        "EINVAL",
        t >= s.length ? "a time needs minutes: write HH:MM" : `expected ':' after the hour, found ${describeAt(s, t)}`,
        t,
        t + 1,
      );
    }
    const minute = this.parseChain(t + 1, false);
    t = minute.end;
    let second: Chain;
    if (t >= s.length) {
      second = constant(0);
    } else {
      if (s[t] !== ":") fail("EINVAL", `expected ':' before the seconds or the end of the time, found ${describeAt(s, t)}`, t, t + 1);
      const sec = this.parseChain(t + 1, true);
      t = sec.end;
      if (t < s.length) fail("EINVAL", trailingReason(s, t), t, s.length);
      second = sec.chain;
    }
    this.p = t;
    this.spec.hour = hour.chain;
    this.spec.minute = minute.chain;
    this.spec.microsecond = second;
  }

  parseChain(at: number, usec: boolean): { chain: Chain; end: number } {
    if (this.s[at] === "*") {
      return { chain: usec ? [{ start: 0, stop: -1, repeat: USEC_PER_SEC, from: at, to: at + 1 }] : null, end: at + 1 };
    }
    const chain: Component[] = [];
    let p = at;
    for (let nesting = 0; ; nesting++) {
      if (nesting > COMPONENTS_MAX) fail("ENOBUFS", `a list may hold at most ${COMPONENTS_MAX + 1} values`, p, wordEnd(this.s, p));
      const component = this.parseComponent(p, usec);
      chain.push(component);
      p = component.to;
      if (this.s[p] !== ",") break;
      p++;
    }
    return { chain, end: p };
  }

  parseComponent(at: number, usec: boolean): Component {
    const s = this.s;
    let e = at;
    const start = this.parseDecimal(e, usec);
    e = start.end;
    let stop = -1;
    let repeat = 0;
    if (s[e] === "." && s[e + 1] === ".") {
      const v = this.parseDecimal(e + 2, usec);
      stop = v.value;
      e = v.end;
      repeat = usec ? USEC_PER_SEC : 1;
    }
    if (s[e] === "/") {
      const v = this.parseDecimal(e + 1, usec);
      repeat = v.value;
      if (repeat === 0) fail("ERANGE", "a repetition of 0 is not allowed", e, v.end);
      e = v.end;
    } else {
      if (start.value > INT_MAX - repeat) fail("ERANGE", "the value is too large", at, e);
      if (usec && stop >= 0 && start.value + repeat > stop) {
        fail("EINVAL", "a range of seconds shorter than one second needs an explicit repetition (/…)", at, e);
      }
    }
    if (!["", " ", ",", "-", "~", ":"].includes(this.at(e))) {
      fail("EINVAL", `unexpected ${describeAt(s, e)} after '${s.slice(at, e)}'`, e, e + 1);
    }
    return { start: start.value, stop, repeat, from: at, to: e };
  }

  parseDecimal(at: number, usec: boolean): { value: number; end: number } {
    const s = this.s;
    if (!isDigit(s[at])) {
      fail(
        "EINVAL",
        s[at] === "*" ? "'*' cannot be combined with other values here" : `expected a number, found ${describeAt(s, at)}`,
        at,
        at + 1,
      );
    }
    const n = strtoul(s, at);
    if (n.overflow) fail("ERANGE", "the number is too large", at, n.end);
    let value = n.value;
    let e = n.end;
    if (usec) {
      if (value > ULONG_MAX / BigInt(USEC_PER_SEC)) fail("ERANGE", "the number is too large", at, e);
      value *= BigInt(USEC_PER_SEC);
      if (s[e] === "." && s[e + 1] !== ".") {
        const fraction = parseFraction(s, e + 1);
        if (!fraction) fail("EINVAL", "a digit must follow the decimal point", e, e + 1);
        value += BigInt(fraction.value);
        e = fraction.end;
      }
    }
    if (value > BigInt(INT_MAX)) fail("ERANGE", "the number is too large", at, e);
    return { value: Number(value), end: e };
  }
}

/** `parse_fractional_part_u(…, 6, …)`: six digits, rounded on the seventh, any further digits ignored. */
function parseFraction(s: string, at: number): { value: number; end: number } | undefined {
  if (!isDigit(s[at])) return undefined;
  let value = 0;
  let p = at;
  for (let i = 0; i < 6; i++) {
    if (isDigit(s[p])) value = value * 10 + Number(s[p++]);
    else value *= 10;
  }
  const next = s[p] ?? "";
  if (p === at + 6 && next >= "5" && next <= "9") value++;
  while (isDigit(s[p])) p++;
  return { value, end: p };
}

function wordEnd(s: string, at: number): number {
  let e = at;
  while (e < s.length && s[e] !== " ") e++;
  return Math.max(e, at + 1);
}

function trailingReason(s: string, at: number): string {
  if (s[at] === " ") {
    const word = s.slice(at).trim();
    return word.includes("/") || /^[A-Z]/.test(word)
      ? `unknown time zone '${word.split(" ").pop()}'`
      : `unexpected '${word}' after the time`;
  }
  return `unexpected ${describeAt(s, at)} after the seconds`;
}

/** Splits off a time zone suffix: " UTC", the local zone's names, or an IANA zone systemd knows. */
function stripTimezone(input: string, spec: CalendarSpec, env: ParseEnvironment): string {
  const utc = endsWithNoCase(input, " UTC");
  if (utc >= 0) {
    spec.utc = true;
    return input.slice(0, utc);
  }
  const names = env.tzname();
  for (let j = 0; j <= 1; j++) {
    const name = names[j] as string;
    if (name === "") continue;
    const e = endsWithNoCase(input, name);
    if (e <= 0 || input[e - 1] !== " ") continue;
    spec.dst = j;
    return input.slice(0, e - 1);
  }
  const lastSpace = input.lastIndexOf(" ");
  if (lastSpace >= 0 && env.timezoneIsValid(input.slice(lastSpace + 1))) {
    spec.timezone = input.slice(lastSpace + 1);
    return input.slice(0, lastSpace);
  }
  return input;
}

/** Parses a calendar spec exactly as systemd does; never throws. */
export function parseCalendarSpec(rawInput: string, env: ParseEnvironment): CalendarParseResult {
  const result = parseOnce(rawInput, env);
  if (result.ok) return result;
  return explainFailure(cString(rawInput), result, (text) => parseOnce(text, env).ok);
}

function parseOnce(rawInput: string, env: ParseEnvironment): CalendarParseResult {
  const input = cString(rawInput);
  const spec0 = emptySpec();
  let s: string;
  try {
    s = stripTimezone(input, spec0, env);
  } catch {
    s = input;
  }
  const parser = new Parser(input, s);
  Object.assign(parser.spec, spec0);
  try {
    if (s === "") fail("EINVAL", input === "" ? "the calendar spec is empty" : "a time zone alone is not a calendar spec", 0, input.length);
    const shorthand = shorthandChains(s);
    if (shorthand) {
      for (const [field, values] of Object.entries(shorthand.chains)) {
        parser.spec[field as "month"] = values.map((v) => ({ start: v, stop: -1, repeat: 0, from: 0, to: s.length }));
      }
      if (shorthand.weekdaysBits) parser.spec.weekdaysBits = shorthand.weekdaysBits;
    } else {
      parser.parseWeekdays();
      if (!parser.parseDate()) parser.parseTime();
      if (parser.p < s.length) fail("EINVAL", trailingReason(s, parser.p), parser.p, s.length);
    }
  } catch (e) {
    if (e instanceof SpecFailure) return { ok: false, errno: e.errno, reason: e.reason, from: e.from, to: e.to };
    return { ok: false, errno: "EINVAL", reason: `internal error: ${String(e)}`, from: 0, to: input.length };
  }
  const spec = parser.spec;
  normalizeSpec(spec);
  const invalid = validateSpec(spec);
  if (invalid) return { ok: false, errno: "EINVAL", ...invalid };
  return { ok: true, spec };
}
