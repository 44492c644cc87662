/**
 * Local time as glibc computes it (`__tz_convert()`, `__tzfile_compute()`),
 * including its side effects: every conversion rewrites `tzname[]`,
 * `timezone` and `daylight`, and systemd reads `tzname[]` to recognize a
 * local zone abbreviation at the end of a calendar spec ("daily CEST").
 *
 * A Zone object is the time zone state of one process; `fresh()` gives the
 * state right after `tzset()` in a new process (what systemd's forked helper
 * sees after setting $TZ).
 */
import { emptyTm, gmtime, offtime, type Tm } from "./broken-down.js";
import { PosixTzRules, parsePosixTz } from "./posix-tz.js";
import type { TzifData } from "./tzif.js";

export interface Zone {
  /** The TZ value or file this zone came from, for messages. */
  readonly id: string;
  /** `localtime_r()`: undefined where glibc fails with EOVERFLOW. */
  localtime(t: number): Tm | undefined;
  /** glibc's `tzname[]` as it stands now. */
  readonly tzname: readonly [string, string];
  /** glibc's `timezone` (seconds west of UTC) and `daylight`, as they stand now. */
  readonly timezone: number;
  readonly daylight: boolean;
  /** The state of this zone right after tzset() in a fresh process. */
  fresh(): Zone;
}

/** A zone given as a POSIX TZ string, or UTC when nothing is configured (glibc's `__use_tzfile == 0`). */
export class PosixZone implements Zone {
  readonly rules: PosixTzRules;
  constructor(
    readonly id: string,
    spec: string | undefined,
  ) {
    this.rules = spec === undefined ? PosixTzRules.utc() : parsePosixTz(spec);
    this.spec = spec;
  }
  private readonly spec: string | undefined;

  get tzname(): readonly [string, string] {
    return this.rules.tzname;
  }
  get timezone(): number {
    return this.rules.timezone;
  }
  get daylight(): boolean {
    return this.rules.daylight;
  }
  fresh(): Zone {
    return new PosixZone(this.id, this.spec);
  }

  localtime(t: number): Tm | undefined {
    const utc = gmtime(t);
    if (!utc) return undefined;
    const isdst = this.rules.isDst(t, utc.year + 1900) ? 1 : 0;
    const tm = emptyTm();
    const offset = this.rules.rules[isdst].offset;
    if (!offtime(t, offset, tm)) return undefined;
    tm.isdst = isdst;
    tm.gmtoff = offset;
    tm.zone = this.rules.tzname[isdst];
    return tm;
  }
}

/** A zone read from a TZif file (glibc's `__use_tzfile == 1`). */
export class TzifZone implements Zone {
  private names: [string | undefined, string | undefined] = [undefined, undefined];
  private tzTimezone: number;
  private tzDaylight: boolean;
  private readonly ruleStdoff: number;
  private readonly daylightSaved: boolean;
  private footerRules: PosixTzRules | undefined;

  constructor(
    readonly id: string,
    readonly data: TzifData,
  ) {
    const { transitions, typeIndexes, types } = data;
    // __tzfile_read(): the latest names of each flavour.
    for (let i = transitions.length; i > 0; ) {
      const type = types[typeIndexes[--i] as number];
      if (!type) continue;
      const dst = type.isdst ? 1 : 0;
      if (this.names[dst] === undefined) {
        this.names[dst] = type.abbreviation;
        if (this.names[1 - dst] !== undefined) break;
      }
    }
    if (this.names[0] === undefined) this.names[0] = types[0]?.abbreviation ?? "";
    if (this.names[1] === undefined) this.names[1] = this.names[0];
    // glibc 2.36: `timezone` from the latest standard-time type, `daylight` set when any DST type occurs.
    let stdoff = types[0]?.offset ?? 0;
    let daylightSaved = false;
    if (transitions.length > 0) {
      stdoff = 0;
      let i = transitions.length - 1;
      for (; i >= 0; i--) {
        const type = types[typeIndexes[i] as number];
        if (type && !type.isdst) {
          stdoff = type.offset;
          break;
        }
        daylightSaved = true;
      }
      while (!daylightSaved && --i >= 0) daylightSaved = types[typeIndexes[i] as number]?.isdst ?? false;
    }
    this.ruleStdoff = stdoff;
    this.daylightSaved = daylightSaved;
    this.tzDaylight = daylightSaved;
    this.tzTimezone = -stdoff;
  }

  get tzname(): readonly [string, string] {
    return [this.names[0] ?? "", this.names[1] ?? ""];
  }
  get timezone(): number {
    return this.tzTimezone;
  }
  get daylight(): boolean {
    return this.tzDaylight;
  }
  fresh(): Zone {
    return new TzifZone(this.id, this.data);
  }

  localtime(t: number): Tm | undefined {
    const info = this.compute(t);
    const tm = emptyTm();
    const leap = this.leapCorrection(t);
    if (!offtime(t, info.gmtoff - leap.correction, tm)) return undefined;
    tm.sec += leap.hit;
    tm.isdst = info.isdst;
    tm.gmtoff = info.gmtoff;
    tm.zone = info.zone;
    return tm;
  }

  /** `__tzfile_compute(use_localtime = 1)` without the leap second part. */
  private compute(t: number): { gmtoff: number; isdst: number; zone: string } {
    const { transitions, typeIndexes, types } = this.data;
    const names: [string | undefined, string | undefined] = [undefined, undefined];
    this.names = names;
    let typeIndex: number;
    const n = transitions.length;
    if (n === 0 || t < (transitions[0] as number)) {
      let i = 0;
      while (i < types.length && types[i]?.isdst) {
        if (names[1] === undefined) names[1] = types[i]?.abbreviation;
        i++;
      }
      if (i === types.length) i = 0;
      names[0] = types[i]?.abbreviation;
      if (names[1] === undefined) {
        for (let j = i; j < types.length; j++) {
          if (types[j]?.isdst) {
            names[1] = types[j]?.abbreviation;
            break;
          }
        }
      }
      typeIndex = i;
    } else if (t >= (transitions[n - 1] as number) && this.data.footer !== undefined) {
      return this.computeFromFooter(t, this.data.footer);
    } else {
      // The first transition after t; the type before it is in effect.
      let lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (t < (transitions[mid] as number)) hi = mid;
        else lo = mid + 1;
      }
      const i = lo;
      const current = types[typeIndexes[i - 1] as number];
      if (current) names[current.isdst ? 1 : 0] = current.abbreviation;
      for (let j = i; j < n; j++) {
        const type = types[typeIndexes[j] as number];
        if (!type) continue;
        const dst = type.isdst ? 1 : 0;
        if (names[dst] === undefined) {
          names[dst] = type.abbreviation;
          if (names[1 - dst] !== undefined) break;
        }
      }
      if (names[0] === undefined) names[0] = names[1];
      typeIndex = typeIndexes[i - 1] as number;
    }
    const info = types[typeIndex] ?? { offset: 0, isdst: false, abbreviation: "" };
    this.tzDaylight = this.daylightSaved;
    this.tzTimezone = -this.ruleStdoff;
    if (names[0] === undefined) names[0] = types[0]?.abbreviation ?? "";
    if (names[1] === undefined) names[1] = names[0];
    const isdst = info.isdst ? 1 : 0;
    return { gmtoff: info.offset, isdst, zone: names[isdst] ?? "" };
  }

  private computeFromFooter(t: number, footer: string): { gmtoff: number; isdst: number; zone: string } {
    // glibc parses the string again on every call; the result is the same, so keep it.
    this.footerRules ??= parsePosixTz(footer);
    const rules = this.footerRules;
    const [std, dst] = rules.tzname;
    this.names = [std, dst];
    this.tzDaylight = rules.daylight;
    this.tzTimezone = rules.timezone;
    const utc = gmtime(t);
    const isdst = utc && rules.isDst(t, utc.year + 1900) ? 1 : 0;
    return { gmtoff: rules.rules[isdst].offset, isdst, zone: rules.tzname[isdst] };
  }

  private leapCorrection(t: number): { correction: number; hit: number } {
    const leaps = this.data.leaps;
    let i = leaps.length;
    do {
      if (i-- === 0) return { correction: 0, hit: 0 };
    } while (t < (leaps[i] as { transition: number }).transition);
    const leap = leaps[i] as { transition: number; change: number };
    let hit = 0;
    const previous = leaps[i - 1];
    if (t === leap.transition && ((i === 0 && leap.change > 0) || (previous !== undefined && leap.change > previous.change))) {
      hit = 1;
      while (i > 0) {
        const a = leaps[i] as { transition: number; change: number };
        const b = leaps[i - 1] as { transition: number; change: number };
        if (!(a.transition === b.transition + 1 && a.change === b.change + 1)) break;
        hit++;
        i--;
      }
    }
    return { correction: leap.change, hit };
  }
}
