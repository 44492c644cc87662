/**
 * POSIX TZ strings (`CET-1CEST,M3.5.0,M10.5.0/3`) as glibc reads them
 * (`__tzset_parse_tz()`) and applies them (`compute_change()`,
 * `__tz_compute()`). They describe the time after the last transition of a
 * TZif file, and the whole zone when TZ holds such a string itself.
 */
import { daysFromCivil, isLeap, monthYday, SECS_PER_DAY } from "./broken-down.js";

interface TzRule {
  name: string;
  type: "J0" | "J1" | "M";
  m: number;
  n: number;
  d: number;
  /** Time of day of the change, seconds. */
  secs: number;
  /** Seconds east of UTC. */
  offset: number;
  change: number;
  computedFor: number;
}

function emptyRule(): TzRule {
  return { name: "", type: "J0", m: 0, n: 0, d: 0, secs: 0, offset: 0, change: 0, computedFor: 0 };
}

/** The two rules glibc keeps in `tz_rules[]`: [0] standard time, [1] daylight saving time. */
export class PosixTzRules {
  rules: [TzRule, TzRule] = [emptyRule(), emptyRule()];
  /** Whether the string named a DST zone without rules ("EST5EDT"), which glibc resolves with the posixrules file. */
  wantsDefaultRules = false;

  static utc(): PosixTzRules {
    const r = new PosixTzRules();
    r.rules[0].name = "UTC";
    r.rules[1].name = "UTC";
    r.rules[0].change = -1;
    r.rules[1].change = -1;
    return r;
  }

  get tzname(): [string, string] {
    return [this.rules[0].name, this.rules[1].name];
  }

  get daylight(): boolean {
    return this.rules[0].offset !== this.rules[1].offset;
  }

  get timezone(): number {
    return -this.rules[0].offset;
  }

  /** `__tz_compute()`: daylight saving time or not at `timer`, given the UTC year of that instant. */
  isDst(timer: number, utcYear: number): boolean {
    computeChange(this.rules[0], utcYear);
    computeChange(this.rules[1], utcYear);
    const [std, dst] = this.rules;
    return std.change > dst.change ? timer < dst.change || timer >= std.change : timer >= std.change && timer < dst.change;
  }
}

const isAlpha = (c: string | undefined) => c !== undefined && ((c >= "a" && c <= "z") || (c >= "A" && c <= "Z"));
const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";

/** `__tzset_parse_tz()`. */
export function parsePosixTz(tz: string): PosixTzRules {
  const out = new PosixTzRules();
  const [std, dst] = out.rules;
  let p = 0;
  const name = (rule: TzRule): boolean => {
    let q = p;
    while (isAlpha(tz[q])) q++;
    if (q - p >= 3) {
      rule.name = tz.slice(p, q);
      p = q;
      return true;
    }
    q = p;
    if (tz[q++] !== "<") return false;
    const start = q;
    while (isAlpha(tz[q]) || isDigit(tz[q]) || tz[q] === "+" || tz[q] === "-") q++;
    if (tz[q] !== ">" || q - start < 3) return false;
    rule.name = tz.slice(start, q);
    p = q + 1;
    return true;
  };
  const offset = (rule: TzRule, which: 0 | 1): boolean => {
    const c = tz[p];
    if (which === 0 && (c === undefined || (c !== "+" && c !== "-" && !isDigit(c)))) return false;
    let sign = -1;
    if (c === "-" || c === "+") {
      sign = c === "-" ? 1 : -1;
      p++;
    }
    const hms = scanHms(tz, p);
    if (hms) {
      rule.offset =
        sign * (Math.min(hms.values[2] ?? 0, 59) + Math.min(hms.values[1] ?? 0, 59) * 60 + Math.min(hms.values[0] as number, 24) * 3600);
      p = hms.end;
    } else if (which === 0) {
      std.offset = 0;
      return false;
    } else {
      dst.offset = std.offset + 3600;
    }
    return true;
  };
  if (name(std) && offset(std, 0)) {
    if (p < tz.length) {
      if (name(dst)) {
        offset(dst, 1);
        if (p === tz.length || (tz[p] === "," && p + 1 === tz.length)) out.wantsDefaultRules = true;
      }
      const next = parseRule(tz, p, std, true);
      if (next !== undefined) parseRule(tz, next, dst, false);
    } else {
      dst.name = std.name;
      dst.offset = std.offset;
    }
  }
  return out;
}

/** sscanf("%hu%n:%hu%n:%hu%n"): up to three colon-separated numbers. */
function scanHms(s: string, start: number): { values: number[]; end: number } | undefined {
  const values: number[] = [];
  let p = start;
  for (let i = 0; i < 3; i++) {
    let q = p;
    if (i > 0) {
      if (s[q] !== ":") break;
      q++;
    }
    // %hu skips white space and accepts a sign, like strtoul.
    while (s[q] === " " || s[q] === "\t") q++;
    let neg = false;
    if (s[q] === "+" || s[q] === "-") neg = s[q++] === "-";
    const d = q;
    while (isDigit(s[q])) q++;
    if (q === d) break;
    let v = Number(s.slice(d, q)) % 65536;
    if (neg) v = (65536 - v) % 65536;
    values.push(v);
    p = q;
  }
  return values.length > 0 ? { values, end: p } : undefined;
}

function parseRule(tz: string, start: number, rule: TzRule, first: boolean): number | undefined {
  let p = start;
  if (tz[p] === ",") p++;
  const c = tz[p];
  if (c === "J" || isDigit(c)) {
    rule.type = c === "J" ? "J1" : "J0";
    if (rule.type === "J1" && !isDigit(tz[++p])) return undefined;
    const d0 = p;
    while (isDigit(tz[p])) p++;
    if (p === d0) return undefined;
    const d = Number(tz.slice(d0, p));
    if (d > 365 || (rule.type === "J1" && d === 0)) return undefined;
    rule.d = d;
  } else if (c === "M") {
    const m = /^M(\d+)\.(\d+)\.(\d+)/.exec(tz.slice(p));
    if (!m) return undefined;
    const [mm, n, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (mm < 1 || mm > 12 || n < 1 || n > 5 || d > 6) return undefined;
    rule.type = "M";
    rule.m = mm;
    rule.n = n;
    rule.d = d;
    p += (m[0] as string).length;
  } else if (c === undefined) {
    rule.type = "M";
    [rule.m, rule.n, rule.d] = first ? [3, 2, 0] : [11, 1, 0];
  } else {
    return undefined;
  }
  if (p < tz.length && tz[p] !== "/" && tz[p] !== ",") return undefined;
  if (tz[p] === "/") {
    p++;
    if (p >= tz.length) return undefined;
    const negative = tz[p] === "-";
    if (negative) p++;
    const hms = scanHms(tz, p);
    const [hh, mm, ss] = [hms?.values[0] ?? 2, hms?.values[1] ?? 0, hms?.values[2] ?? 0];
    if (hms) p = hms.end;
    rule.secs = (negative ? -1 : 1) * (hh * 3600 + mm * 60 + ss);
  } else {
    rule.secs = 2 * 3600;
  }
  rule.computedFor = -1;
  return p;
}

/** `compute_change()`: when in `year` the change described by `rule` happens. */
function computeChange(rule: TzRule, year: number): void {
  if (year !== -1 && rule.computedFor === year) return;
  let t = year > 1970 ? daysFromCivil(year, 1, 1) * SECS_PER_DAY : 0;
  switch (rule.type) {
    case "J1":
      t += (rule.d - 1) * SECS_PER_DAY;
      if (rule.d >= 60 && isLeap(year)) t += SECS_PER_DAY;
      break;
    case "J0":
      t += rule.d * SECS_PER_DAY;
      break;
    case "M": {
      const table = monthYday[isLeap(year) ? 1 : 0] as readonly number[];
      t += (table[rule.m - 1] as number) * SECS_PER_DAY;
      // Zeller's congruence, in C's truncating integer arithmetic.
      const m1 = ((rule.m + 9) % 12) + 1;
      const yy0 = rule.m <= 2 ? year - 1 : year;
      const yy1 = Math.trunc(yy0 / 100);
      const yy2 = yy0 % 100;
      let dow = (Math.trunc((26 * m1 - 2) / 10) + 1 + yy2 + Math.trunc(yy2 / 4) + Math.trunc(yy1 / 4) - 2 * yy1) % 7;
      if (dow < 0) dow += 7;
      let d = rule.d - dow;
      if (d < 0) d += 7;
      const monthDays = (table[rule.m] as number) - (table[rule.m - 1] as number);
      for (let i = 1; i < rule.n; i++) {
        if (d + 7 >= monthDays) break;
        d += 7;
      }
      t += d * SECS_PER_DAY;
      break;
    }
  }
  rule.change = t - rule.offset + rule.secs;
  rule.computedFor = year;
}
