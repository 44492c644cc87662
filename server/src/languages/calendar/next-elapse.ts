/**
 * `calendar_spec_next_usec()`: the next time a spec elapses after a given
 * time, found the way systemd finds it: field by field in a `struct tm`,
 * letting mktime() (or timegm() for UTC) normalize what overflows, with the
 * same safety valve of 1000 rounds. Local time goes through our port of
 * glibc's mktime() so DST changes come out as systemd computes them.
 */
import { assignTm, copyTm, gmtime, type Tm, timegm } from "./broken-down.js";
import { type MktimeState, mktime } from "./mktime.js";
import { BITS_WEEKDAYS, type CalendarSpec, type Chain, MAX_YEAR, USEC_PER_SEC } from "./spec.js";
import type { Zone } from "./zone.js";

/** The time zone state of one process: its zone (with glibc's tzname state) and mktime's offset guess. */
export interface TimeContext {
  zone: Zone;
  mktime: MktimeState;
}

/** Where timezone-suffixed specs get their zone (systemd forks a helper with TZ=":NAME"). */
export type ZoneLookup = (name: string) => Zone;

/** systemd's "Next elapse: never" (ENOENT), an error (EINVAL for out-of-range bases), or "stuck" (EDEADLK). */
export type NextResult = { ok: true; usec: bigint } | { ok: false; errno: "ENOENT" | "EINVAL" | "EDEADLK" };

/** The largest time systemd formats (9999-12-30 23:59:59 UTC), in microseconds. */
export const USEC_TIMESTAMP_FORMATTABLE_MAX = 253402214399000000n;
const MAX_CALENDAR_ITERATIONS = 1000;
const USEC = BigInt(USEC_PER_SEC);

class Calc {
  constructor(
    readonly spec: CalendarSpec,
    readonly ctx: TimeContext,
  ) {}

  /** mktime_or_timegm(): the time, or -1 as C returns it on failure. */
  mktime(tm: Tm): number {
    const t = this.spec.utc ? timegm(tm) : mktime(tm, this.ctx.zone, this.ctx.mktime);
    return t ?? -1;
  }

  endOfMonth(tm: Tm, day: number): number {
    const t = copyTm(tm);
    t.mon++;
    t.mday = 1 - day;
    if (this.mktime(t) < 0 || t.mon !== tm.mon) return -1;
    return t.mday;
  }

  /** find_matching_component(): 1 when *val moved, 0 when it matched, -1 (ENOENT) when nothing matches. */
  match(chain: Chain, tm: Tm, val: { v: number }): number {
    if (!chain) return 0;
    const endOfMonth = this.spec.endOfMonth && chain === this.spec.day;
    let d = -1;
    let dSet = false;
    for (const c of chain) {
      let start: number;
      let stop: number;
      if (endOfMonth) {
        start = this.endOfMonth(tm, c.start);
        stop = this.endOfMonth(tm, c.stop);
        if (stop > 0) [start, stop] = [stop, start];
      } else {
        start = c.start;
        stop = c.stop;
      }
      if (start >= val.v) {
        if (!dSet || start < d) {
          d = start;
          dSet = true;
        }
      } else if (c.repeat > 0) {
        const k = start + c.repeat * Math.trunc((val.v - start + c.repeat - 1) / c.repeat);
        if ((!dSet || k < d) && (stop < 0 || k <= stop)) {
          d = k;
          dSet = true;
        }
      }
    }
    if (!dSet) return -1;
    const moved = val.v !== d ? 1 : 0;
    val.v = d;
    return moved;
  }

  /** tm_within_bounds(): 1 in bounds, 0 normalized forward (tm updated), negative when out of range or going backwards. */
  withinBounds(tm: Tm): number {
    if (tm.year + 1900 > MAX_YEAR) return -1;
    const t = copyTm(tm);
    if (this.mktime(t) < 0) return -1;
    // Normalization moved a field: the smaller ones restart, or the next match would be skipped.
    const fields = ["year", "mon", "mday", "hour", "min", "sec"] as const;
    let cmp = 0;
    for (const [i, f] of fields.entries()) {
      cmp = Math.sign(t[f] - tm[f]);
      if (cmp === 0) continue;
      const smaller = fields[i + 1];
      if (smaller) t[smaller] = smaller === "mday" ? 1 : 0;
      break;
    }
    if (cmp < 0) return -2;
    if (cmp > 0) assignTm(tm, t);
    return cmp === 0 ? 1 : 0;
  }

  matchesWeekday(tm: Tm): boolean {
    const bits = this.spec.weekdaysBits;
    if (bits < 0 || bits >= BITS_WEEKDAYS) return true;
    const t = copyTm(tm);
    if (this.mktime(t) < 0) return false;
    const k = t.wday === 0 ? 6 : t.wday - 1;
    return (bits & (1 << k)) !== 0;
  }

  /** The microseconds of the candidate, kept beside the struct tm as systemd does. */
  tmUsec = 0;

  /** Sets the fields from `field` down to their first value (day 1, everything else 0). */
  reset(c: Tm, field: "mon" | "mday" | "hour" | "min" | "sec"): void {
    const order = ["mon", "mday", "hour", "min", "sec"] as const;
    for (const f of order.slice(order.indexOf(field))) c[f] = f === "mday" ? 1 : 0;
    this.tmUsec = 0;
  }

  /**
   * One field of find_next(): find its next matching value, restart the
   * smaller fields when it moved, and check the result with mktime().
   * "next" goes on to the smaller field, "retry" restarts the round (after
   * `carry` stepped the bigger field on a miss).
   */
  settle(c: Tm, chain: Chain, field: "mon" | "mday" | "hour" | "min", offset: number, carry: () => void): "next" | "retry" {
    const val = { v: c[field] + offset };
    let r = this.match(chain, c, val);
    c[field] = val.v - offset;
    const smaller = ({ mon: "mday", mday: "hour", hour: "min", min: "sec" } as const)[field];
    if (r > 0) this.reset(c, smaller);
    if (r >= 0) r = this.withinBounds(c);
    if (r < 0) {
      carry();
      return "retry";
    }
    return r === 0 ? "retry" : "next";
  }

  /** find_next(). */
  findNext(tm: Tm, usec: { v: number }): "ok" | "ENOENT" | "EDEADLK" {
    const spec = this.spec;
    const c = copyTm(tm);
    this.tmUsec = usec.v;
    for (let iteration = 0; iteration < MAX_CALENDAR_ITERATIONS; iteration++) {
      this.mktime(c);
      c.isdst = spec.dst;
      const year = { v: c.year + 1900 };
      const r = this.match(spec.year, c, year);
      c.year = year.v - 1900;
      if (r > 0) this.reset(c, "mon");
      if (r < 0 || this.withinBounds(c) <= 0) return "ENOENT";
      const carry = (field: "year" | "mon" | "mday" | "hour" | "min", reset: "mon" | "mday" | "hour" | "min" | "sec") => () => {
        c[field]++;
        this.reset(c, reset);
      };
      if (this.settle(c, spec.month, "mon", 1, carry("year", "mon")) === "retry") continue;
      if (this.settle(c, spec.day, "mday", 0, carry("mon", "mday")) === "retry") continue;
      if (!this.matchesWeekday(c)) {
        carry("mday", "hour")();
        continue;
      }
      // A retry after the hour: the hour found may not exist on a DST change; start from the normalized time.
      if (this.settle(c, spec.hour, "hour", 0, carry("mday", "hour")) === "retry") continue;
      if (this.settle(c, spec.minute, "min", 0, carry("hour", "min")) === "retry") continue;
      if (this.settleSeconds(c, carry("min", "sec")) === "retry") continue;
      assignTm(tm, c);
      usec.v = this.tmUsec;
      return "ok";
    }
    return "EDEADLK";
  }

  /** Seconds and microseconds are one field to systemd; a move does not reset anything smaller. */
  settleSeconds(c: Tm, carry: () => void): "next" | "retry" {
    const sec = { v: c.sec * USEC_PER_SEC + this.tmUsec };
    let r = this.match(this.spec.microsecond, c, sec);
    this.tmUsec = sec.v % USEC_PER_SEC;
    c.sec = Math.trunc(sec.v / USEC_PER_SEC);
    if (r >= 0) r = this.withinBounds(c);
    if (r < 0) {
      carry();
      return "retry";
    }
    return r === 0 ? "retry" : "next";
  }
}

function nextImpl(spec: CalendarSpec, base: bigint, ctx: TimeContext): NextResult {
  if (base > USEC_TIMESTAMP_FORMATTABLE_MAX || base < 0n) return { ok: false, errno: "EINVAL" };
  const u = base + 1n;
  const t = Number(u / USEC);
  const tm = spec.utc ? gmtime(t) : ctx.zone.localtime(t);
  if (!tm) return { ok: false, errno: "EINVAL" };
  const usec = { v: Number(u % USEC) };
  const calc = new Calc(spec, ctx);
  const found = calc.findNext(tm, usec);
  if (found !== "ok") return { ok: false, errno: found };
  const next = calc.mktime(tm);
  if (next < 0) return { ok: false, errno: "EINVAL" };
  return { ok: true, usec: BigInt(next) * USEC + BigInt(usec.v) };
}

/**
 * The first elapse strictly after `base` (microseconds since the epoch).
 * A spec with a time zone runs in a copy of the context with that zone, as
 * systemd's forked helper does; the caller's state is left as it was.
 */
export function nextElapse(spec: CalendarSpec, base: bigint, ctx: TimeContext, lookup: ZoneLookup): NextResult {
  if (spec.timezone === undefined || spec.timezone === "") return nextImpl(spec, base, ctx);
  const child: TimeContext = { zone: lookup(spec.timezone), mktime: { ...ctx.mktime } };
  return nextImpl(spec, base, child);
}
