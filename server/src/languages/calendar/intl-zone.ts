/**
 * A zone computed with Intl (ICU's time zone data), for machines without
 * compiled zone files (Windows). Offsets are exact; whether a time counts as
 * daylight saving time and its abbreviation are inferred, so results can
 * differ from glibc's in the abbreviation shown and in the rare zones where
 * that inference fails.
 */
import { daysFromCivil, emptyTm, offtime, type Tm } from "./broken-down.js";
import type { Zone } from "./zone.js";

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string, locale = "en-US", timeZoneName?: "short"): Intl.DateTimeFormat {
  const key = `${zone}\0${locale}\0${timeZoneName ?? ""}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      era: "short",
      ...(timeZoneName ? { timeZoneName } : {}),
    });
    formatters.set(key, f);
  }
  return f;
}

/** Whether Intl knows a zone of this name. */
export function intlKnowsZone(name: string): boolean {
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

/** The zone the host is configured for, according to Intl. */
export function intlLocalZoneName(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone ?? "UTC";
}

function offsetAt(zone: string, t: number): number {
  const parts = formatter(zone).formatToParts(new Date(t * 1000));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? "0");
  const era = parts.find((p) => p.type === "era")?.value ?? "AD";
  const year = era.startsWith("B") ? 1 - get("year") : get("year");
  const local = ((daysFromCivil(year, get("month"), get("day")) * 24 + get("hour")) * 60 + get("minute")) * 60 + get("second");
  return local - t;
}

function abbreviationAt(zone: string, t: number, offset: number): string {
  for (const locale of ["en-US", "en-GB"]) {
    const name = formatter(zone, locale, "short")
      .formatToParts(new Date(t * 1000))
      .find((p) => p.type === "timeZoneName")?.value;
    if (name && !/^(GMT|UTC)[+-]/.test(name)) return name;
  }
  // Zones without an abbreviation are written as numbers in the tz database ("+0530", "-03").
  const sign = offset < 0 ? "-" : "+";
  const a = Math.abs(offset);
  const hh = String(Math.floor(a / 3600)).padStart(2, "0");
  const mm = Math.floor((a % 3600) / 60);
  return `${sign}${hh}${mm ? String(mm).padStart(2, "0") : ""}`;
}

export class IntlZone implements Zone {
  private names: [string, string];
  private standardOffset: number;
  private dstOffset: number;
  private readonly cache = new Map<number, { offset: number; isdst: number; zone: string }>();

  constructor(readonly id: string) {
    const now = Math.floor(Date.now() / 1000);
    const year = new Date(now * 1000).getUTCFullYear();
    const jan = Date.UTC(year, 0, 1) / 1000;
    const jul = Date.UTC(year, 6, 1) / 1000;
    const [a, b] = [offsetAt(id, jan), offsetAt(id, jul)];
    this.standardOffset = Math.min(a, b);
    this.dstOffset = Math.max(a, b);
    const std = a <= b ? jan : jul;
    const dst = a <= b ? jul : jan;
    this.names = [abbreviationAt(id, std, this.standardOffset), abbreviationAt(id, dst, this.dstOffset)];
  }

  get tzname(): readonly [string, string] {
    return this.names;
  }
  get timezone(): number {
    return -this.standardOffset;
  }
  get daylight(): boolean {
    return this.standardOffset !== this.dstOffset;
  }
  fresh(): Zone {
    return new IntlZone(this.id);
  }

  localtime(t: number): Tm | undefined {
    const info = this.info(t);
    const tm = emptyTm();
    if (!offtime(t, info.offset, tm)) return undefined;
    tm.isdst = info.isdst;
    tm.gmtoff = info.offset;
    tm.zone = info.zone;
    return tm;
  }

  private info(t: number): { offset: number; isdst: number; zone: string } {
    // Offsets change on whole quarter hours at most: cache per quarter hour without a change inside.
    const key = Math.floor(t / 900);
    let hit = this.cache.get(key);
    if (!hit) {
      hit = this.compute(t);
      if (offsetAt(this.id, key * 900) === offsetAt(this.id, key * 900 + 899)) {
        if (this.cache.size > 4096) this.cache.clear();
        this.cache.set(key, hit);
      }
    }
    const names: [string, string] = [...this.names];
    names[hit.isdst] = hit.zone;
    this.names = names;
    return hit;
  }

  private compute(t: number): { offset: number; isdst: number; zone: string } {
    const offset = offsetAt(this.id, t);
    const year = new Date(t * 1000).getUTCFullYear();
    const jan = offsetAt(this.id, Date.UTC(year, 0, 1) / 1000);
    const jul = offsetAt(this.id, Date.UTC(year, 6, 1) / 1000);
    const isdst = offset > Math.min(jan, jul) ? 1 : 0;
    return { offset, isdst, zone: abbreviationAt(this.id, t, offset) };
  }
}
