/**
 * glibc's mktime(): it inverts localtime() by probing, remembers the offset
 * it found last for the next call, and resolves times that fall into a DST
 * gap or that ask for a tm_isdst the zone does not have at that moment by
 * heuristics. systemd's calendar code leans on exactly those heuristics when
 * an elapse falls near a DST change, so this follows `__mktime_internal()`
 * step by step.
 */
import { assignTm, isLeap, monthYday, type Tm } from "./broken-down.js";
import type { Zone } from "./zone.js";

/** mktime()'s static offset guess; one per process (and inherited by a forked child). */
export interface MktimeState {
  offset: number;
}

const EPOCH_YEAR = 1970;
const TM_YEAR_BASE = 1900;

function shr(a: number, b: number): number {
  return Math.floor(a / 2 ** b);
}

/** Truncating division as C does it for ints. */
function cdiv(a: number, b: number): number {
  return Math.trunc(a / b);
}

function ydhmsDiff(
  year1: number,
  yday1: number,
  hour1: number,
  min1: number,
  sec1: number,
  year0: number,
  yday0: number,
  hour0: number,
  min0: number,
  sec0: number,
): number {
  const a4 = shr(year1, 2) + shr(TM_YEAR_BASE, 2) - (year1 & 3 ? 0 : 1);
  const b4 = shr(year0, 2) + shr(TM_YEAR_BASE, 2) - (year0 & 3 ? 0 : 1);
  const a100 = cdiv(a4 + (a4 < 0 ? 1 : 0), 25) - (a4 < 0 ? 1 : 0);
  const b100 = cdiv(b4 + (b4 < 0 ? 1 : 0), 25) - (b4 < 0 ? 1 : 0);
  const a400 = shr(a100, 2);
  const b400 = shr(b100, 2);
  const interveningLeapDays = a4 - b4 - (a100 - b100) + (a400 - b400);
  const years = year1 - year0;
  const days = 365 * years + yday1 - yday0 + interveningLeapDays;
  const hours = 24 * days + hour1 - hour0;
  const minutes = 60 * hours + min1 - min0;
  return 60 * minutes + sec1 - sec0;
}

const isdstDiffer = (a: number, b: number) => !a !== !b && a >= 0 && b >= 0;

/** Years beyond which a time_t conversion overflows glibc's int tm_year; never reached by calendar specs. */
const T_LIMIT = 2 ** 52;

/**
 * `mktime()`: normalizes `tp` in place and returns its time, or undefined
 * where glibc returns -1 with an error (tp then stays as it was).
 */
function convert(zone: Zone, t: number): Tm | undefined {
  return Math.abs(t) > T_LIMIT ? undefined : zone.localtime(t);
}

/** The requested broken-down time, normalized as far as mktime() does before probing. */
interface Request {
  year: number;
  yday: number;
  hour: number;
  min: number;
  sec: number;
}

function diff(r: Request, tm: Tm): number {
  return ydhmsDiff(r.year, r.yday, r.hour, r.min, r.sec, tm.year, tm.yday, tm.hour, tm.min, tm.sec);
}

export function mktime(tp: Tm, zone: Zone, state: MktimeState): number | undefined {
  let remainingProbes = 6;
  let sec = tp.sec;
  const { min, hour, mday, mon, isdst } = tp;
  let dst2 = 0;
  const monRemainder = mon % 12;
  const negativeMonRemainder = monRemainder < 0 ? 1 : 0;
  const monYears = cdiv(mon, 12) - negativeMonRemainder;
  const year = tp.year + monYears;
  const monYday = (monthYday[isLeap(year + TM_YEAR_BASE) ? 1 : 0] as readonly number[])[monRemainder + 12 * negativeMonRemainder] as number;
  const yday = monYday - 1 + mday;
  const secRequested = sec;
  if (sec < 0) sec = 0;
  if (sec > 59) sec = 59;
  const negativeOffsetGuess = -state.offset;
  const t0 = ydhmsDiff(year, yday, hour, min, sec, EPOCH_YEAR - TM_YEAR_BASE, 0, 0, 0, negativeOffsetGuess);
  let t = t0;
  let t1 = t0;
  let t2 = t0;
  const request: Request = { year, yday, hour, min, sec };
  let tm: Tm | undefined;
  let found = false;
  for (;;) {
    tm = convert(zone, t);
    if (!tm) return undefined;
    const dt = diff(request, tm);
    if (dt === 0) break;
    if (t === t1 && t !== t2 && (tm.isdst < 0 || (isdst < 0 ? dst2 <= (tm.isdst !== 0 ? 1 : 0) : (isdst !== 0) !== (tm.isdst !== 0)))) {
      // Oscillating around a spring-forward gap: take the time DT away, as glibc does.
      found = true;
      break;
    }
    remainingProbes--;
    if (remainingProbes === 0) return undefined;
    t1 = t2;
    t2 = t;
    t += dt;
    dst2 = tm.isdst !== 0 ? 1 : 0;
  }
  if (!found && isdstDiffer(isdst, tm.isdst)) {
    const probed = probeForIsdst(t, isdst, zone, request);
    if (probed) {
      [t, tm] = probed;
    } else {
      // No time with the requested flag nearby: assume a one-hour DST.
      t += 3600 * ((isdst === 0 ? 1 : 0) - (tm.isdst === 0 ? 1 : 0));
      tm = convert(zone, t);
      if (!tm) return undefined;
    }
  }
  state.offset = t - t0 - negativeOffsetGuess;
  if (secRequested !== tm.sec) {
    const secAdjustment = (sec === 0 && tm.sec === 60 ? 1 : 0) - sec + secRequested;
    t += secAdjustment;
    const again = convert(zone, t);
    if (!again) return undefined;
    tm = again;
  }
  assignTm(tp, tm);
  return t;
}

/** Looks for a neighbouring time with the requested tm_isdst and uses its UTC offset (glibc's heuristic). */
function probeForIsdst(t: number, isdst: number, zone: Zone, request: Request): [number, Tm] | undefined {
  const stride = 601200;
  const durationMax = 457243209;
  const deltaBound = Math.trunc(durationMax / 2) + stride;
  for (let delta = stride; delta < deltaBound; delta += stride) {
    for (let direction = -1; direction <= 1; direction += 2) {
      const ot = t + delta * direction;
      const otm = convert(zone, ot);
      if (!otm) return undefined;
      if (!isdstDiffer(isdst, otm.isdst)) {
        const gt = ot + diff(request, otm);
        const tm = convert(zone, gt);
        if (tm) return [gt, tm];
      }
    }
  }
  return undefined;
}
