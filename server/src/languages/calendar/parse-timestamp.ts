/**
 * `parse_timestamp()` from systemd 252 (src/basic/time-util.c): what
 * `--base-time=` accepts, and what makes systemd-analyze add "Hint: this
 * expression is a valid timestamp" to a calendar spec it refuses.
 */
import { copyTm, gmtime, type Tm, timegm } from "./broken-down.js";
import { type MktimeState, mktime } from "./mktime.js";
import { USEC_TIMESTAMP_FORMATTABLE_MAX } from "./next-elapse.js";
import { strptime } from "./strptime.js";
import { endsWithNoCase, isDigit, startsWithNoCase } from "./text.js";
import { parseTimespan } from "./timespan.js";
import type { Zone } from "./zone.js";

export interface TimestampContext {
  zone: Zone;
  mktime: MktimeState;
  /** The current time, microseconds since the epoch. */
  now: bigint;
  timezoneIsValid(name: string): boolean;
}

const dayNames: [string, number][] = [
  ["Sunday", 0],
  ["Sun", 0],
  ["Monday", 1],
  ["Mon", 1],
  ["Tuesday", 2],
  ["Tue", 2],
  ["Wednesday", 3],
  ["Wed", 3],
  ["Thursday", 4],
  ["Thu", 4],
  ["Friday", 5],
  ["Fri", 5],
  ["Saturday", 6],
  ["Sat", 6],
];

/** Formats tried in order, and whether a fraction of a second may follow. */
const formats: [string, "usec" | "sec0" | "midnight" | "exact"][] = [
  ["%y-%m-%d %H:%M:%S", "usec"],
  ["%Y-%m-%d %H:%M:%S", "usec"],
  ["%b %d %H:%M:%S", "usec"],
  ["%y-%m-%d %H:%M", "sec0"],
  ["%Y-%m-%d %H:%M", "sec0"],
  ["%y-%m-%d", "midnight"],
  ["%Y-%m-%d", "midnight"],
  ["%H:%M:%S", "usec"],
  ["%H:%M", "sec0"],
];

const USEC = 1_000_000n;

function parseSec(text: string): bigint | undefined {
  const r = parseTimespan(text);
  return r.ok ? r.value : undefined;
}

function impl(input: string, withTz: boolean, ctx: TimestampContext): bigint | undefined {
  let t = input;
  if (t.startsWith("@") && !withTz) return parseSec(t.slice(1));
  let ret = ctx.now;
  let plus = 0n;
  let minus = 0n;
  let utc = false;
  let dst = -1;
  const finish = (): bigint | undefined => {
    ret += plus;
    if (ret > USEC_TIMESTAMP_FORMATTABLE_MAX || ret < minus) return undefined;
    return ret - minus;
  };
  if (!withTz) {
    if (t === "now") return finish();
    const relative = (text: string, sign: 1 | -1) => {
      const v = parseSec(text);
      if (v === undefined) return false;
      if (sign > 0) plus = v;
      else minus = v;
      return true;
    };
    if (t.startsWith("+")) return relative(t.slice(1), 1) ? finish() : undefined;
    if (t.startsWith("-")) return relative(t.slice(1), -1) ? finish() : undefined;
    if (t.endsWith(" ago")) return relative(t.slice(0, -4), -1) ? finish() : undefined;
    if (t.endsWith(" left")) return relative(t.slice(0, -5), 1) ? finish() : undefined;
    const u = endsWithNoCase(t, " UTC");
    if (u >= 0) {
      utc = true;
      t = t.slice(0, u);
    } else {
      const names = ctx.zone.tzname;
      for (let j = 0; j <= 1; j++) {
        const name = names[j] as string;
        if (name === "") continue;
        const e = endsWithNoCase(t, name);
        if (e <= 0 || t[e - 1] !== " ") continue;
        t = t.slice(0, e - 1);
        dst = j;
        break;
      }
    }
  }
  const sec = Number(ret / USEC);
  const now = utc ? gmtime(sec) : ctx.zone.localtime(sec);
  if (!now) return undefined;
  let tm: Tm = now;
  tm.isdst = dst;
  const fromTm = (weekday: number, usec: bigint): bigint | undefined => {
    if (weekday >= 0 && tm.wday !== weekday) return undefined;
    const x = utc ? (timegm(tm) ?? -1) : (mktime(tm, ctx.zone, ctx.mktime) ?? -1);
    if (x < 0) return undefined;
    ret = BigInt(x) * USEC + usec;
    if (ret > USEC_TIMESTAMP_FORMATTABLE_MAX) return undefined;
    return finish();
  };
  const midnight = () => {
    tm.sec = tm.min = tm.hour = 0;
  };
  if (t === "today" || t === "yesterday" || t === "tomorrow") {
    tm.mday += t === "today" ? 0 : t === "yesterday" ? -1 : 1;
    midnight();
    return fromTm(-1, 0n);
  }
  let weekday = -1;
  for (const [name, nr] of dayNames) {
    if (!startsWithNoCase(t, name) || t[name.length] !== " ") continue;
    weekday = nr;
    t = t.slice(name.length + 1);
    break;
  }
  const copy = copyTm(tm);
  for (const [format, kind] of formats) {
    tm = copyTm(copy);
    const k = strptime(t, format, tm);
    if (k === undefined) continue;
    if (kind === "usec" && t[k] === ".") {
      const fraction = parseFraction(t, k + 1);
      return fraction === undefined ? undefined : fromTm(weekday, BigInt(fraction));
    }
    if (k !== t.length) continue;
    if (kind === "sec0") tm.sec = 0;
    if (kind === "midnight") midnight();
    return fromTm(weekday, 0n);
  }
  return undefined;
}

/** Six digits of a fraction, rounded on the seventh, and nothing after it. */
function parseFraction(s: string, at: number): number | undefined {
  if (!isDigit(s[at])) return undefined;
  let value = 0;
  let p = at;
  for (let i = 0; i < 6; i++) value = value * 10 + (isDigit(s[p]) ? Number(s[p++]) : 0);
  const next = s[p] ?? "";
  if (p === at + 6 && next >= "5" && next <= "9") value++;
  while (isDigit(s[p])) p++;
  return p === s.length ? value : undefined;
}

/**
 * `parse_timestamp()`: microseconds since the epoch, or undefined where
 * systemd fails. A time stamp ending in a zone name other than UTC is parsed
 * by a helper process in upstream's code; systemd 252 as Debian ships it
 * (252.38, 252.39) fails every such time stamp ("12:00 Europe/Berlin",
 * "today CET"), and so do we.
 */
export function parseTimestamp(text: string, ctx: TimestampContext): bigint | undefined {
  const lastSpace = text.lastIndexOf(" ");
  const tz = lastSpace >= 0 && ctx.timezoneIsValid(text.slice(lastSpace + 1)) ? text.slice(lastSpace + 1) : undefined;
  if (tz === undefined || endsWithNoCase(text, " UTC") >= 0) return impl(text, false, ctx);
  return undefined;
}
