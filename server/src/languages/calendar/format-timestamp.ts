/**
 * Time stamps as systemd prints them: `format_timestamp_style()` ("Mon
 * 2024-04-01 08:00:00 CEST") and `format_timestamp_relative()` ("2 years 7
 * months ago") from src/basic/time-util.c.
 */
import { gmtime } from "./broken-down.js";
import { USEC_TIMESTAMP_FORMATTABLE_MAX } from "./next-elapse.js";
import type { Zone } from "./zone.js";

const weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
/** FORMAT_TIMESTAMP_MAX: the buffer systemd formats into, including the NUL. */
const FORMAT_TIMESTAMP_MAX = 38;
const USEC_INFINITY = (1n << 64n) - 1n;

const pad = (v: number, n = 2) => String(v).padStart(n, "0");

/** Undefined where systemd gets NULL (an unset time stamp); the caller shows "n/a". */
export function formatTimestamp(usec: bigint, zone: Zone | "UTC"): string | undefined {
  if (usec === 0n || usec === USEC_INFINITY) return undefined;
  if (usec > USEC_TIMESTAMP_FORMATTABLE_MAX) return "--- XXXX-XX-XX XX:XX:XX";
  const sec = Number(usec / 1_000_000n);
  const tm = zone === "UTC" ? gmtime(sec) : zone.localtime(sec);
  if (!tm) return undefined;
  const main = `${weekdays[tm.wday]} ${pad(tm.year + 1900, 4)}-${pad(tm.mon + 1)}-${pad(tm.mday)} ${pad(tm.hour)}:${pad(tm.min)}:${pad(tm.sec)}`;
  if (zone === "UTC") return `${main} UTC`;
  // A zone name that does not fit the buffer is left out rather than cut.
  if (tm.zone === "" || main.length + 1 + tm.zone.length + 1 > FORMAT_TIMESTAMP_MAX) return main;
  return `${main} ${tm.zone}`;
}

const SEC = 1_000_000n;
const MINUTE = 60n * SEC;
const HOUR = 60n * MINUTE;
const DAY = 24n * HOUR;
const WEEK = 7n * DAY;
const MONTH = 2_629_800n * SEC;
const YEAR = 31_557_600n * SEC;

const unit = (n: bigint, one: string, many: string) => `${n} ${n === 1n ? one : many}`;

/** How far `usec` is from `now`, in systemd's words. */
export function formatTimestampRelative(usec: bigint, now: bigint): string | undefined {
  if (usec === 0n || usec === USEC_INFINITY) return undefined;
  const [d, s] = now > usec ? [now - usec, "ago"] : [usec - now, "left"];
  if (d >= YEAR) return `${unit(d / YEAR, "year", "years")} ${unit((d % YEAR) / MONTH, "month", "months")} ${s}`;
  if (d >= MONTH) return `${unit(d / MONTH, "month", "months")} ${unit((d % MONTH) / DAY, "day", "days")} ${s}`;
  if (d >= WEEK) return `${unit(d / WEEK, "week", "weeks")} ${unit((d % WEEK) / DAY, "day", "days")} ${s}`;
  if (d >= 2n * DAY) return `${d / DAY} days ${s}`;
  if (d >= 25n * HOUR) return `1 day ${(d - DAY) / HOUR}h ${s}`;
  if (d >= 6n * HOUR) return `${d / HOUR}h ${s}`;
  if (d >= HOUR) return `${d / HOUR}h ${(d % HOUR) / MINUTE}min ${s}`;
  if (d >= 5n * MINUTE) return `${d / MINUTE}min ${s}`;
  if (d >= MINUTE) return `${d / MINUTE}min ${(d % MINUTE) / SEC}s ${s}`;
  if (d >= SEC) return `${d / SEC}s ${s}`;
  if (d >= 1000n) return `${d / 1000n}ms ${s}`;
  if (d > 0n) return `${d}us ${s}`;
  return "now";
}
