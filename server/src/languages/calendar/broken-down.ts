/**
 * C's `struct tm` and the arithmetic glibc does on it (`__offtime()`,
 * `timegm()`). systemd's calendar code steps through time by writing
 * out-of-range fields into a `struct tm` and letting mktime()/timegm()
 * normalize them, so we keep the same representation: plain integers, year
 * counted from 1900, month from 0.
 */
export interface Tm {
  sec: number;
  min: number;
  hour: number;
  mday: number;
  /** 0..11 */
  mon: number;
  /** Years since 1900. */
  year: number;
  /** 0 = Sunday. */
  wday: number;
  yday: number;
  /** -1 unknown, 0 standard time, 1 daylight saving time. */
  isdst: number;
  /** Seconds east of UTC. */
  gmtoff: number;
  zone: string;
}

export const SECS_PER_DAY = 86400;

export function emptyTm(): Tm {
  return { sec: 0, min: 0, hour: 0, mday: 0, mon: 0, year: 0, wday: 0, yday: 0, isdst: 0, gmtoff: 0, zone: "" };
}

export function copyTm(tm: Tm): Tm {
  return {
    sec: tm.sec,
    min: tm.min,
    hour: tm.hour,
    mday: tm.mday,
    mon: tm.mon,
    year: tm.year,
    wday: tm.wday,
    yday: tm.yday,
    isdst: tm.isdst,
    gmtoff: tm.gmtoff,
    zone: tm.zone,
  };
}

/** `*to = *from` for struct tm. */
export function assignTm(to: Tm, from: Tm): void {
  to.sec = from.sec;
  to.min = from.min;
  to.hour = from.hour;
  to.mday = from.mday;
  to.mon = from.mon;
  to.year = from.year;
  to.wday = from.wday;
  to.yday = from.yday;
  to.isdst = from.isdst;
  to.gmtoff = from.gmtoff;
  to.zone = from.zone;
}

export function isLeap(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** Days before each month (0..12), normal and leap years. */
export const monthYday: readonly (readonly number[])[] = [
  [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365],
  [0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366],
];

/** Days of `year` before month `mon` (0..12). */
export function daysBeforeMonth(year: number, mon: number): number {
  return (monthYday[isLeap(year) ? 1 : 0] as readonly number[])[mon] ?? 0;
}

/** Days from 1970-01-01 to the given proleptic Gregorian date (month 1..12). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The inverse of daysFromCivil: [year, month 1..12, day]. */
export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

const INT_MAX = 2147483647;

/**
 * `__offtime()`: the broken-down form of `t + offset` seconds. Returns false
 * where glibc reports EOVERFLOW (the year does not fit an int).
 */
export function offtime(t: number, offset: number, tm: Tm): boolean {
  const local = t + offset;
  const days = Math.floor(local / SECS_PER_DAY);
  const rem = local - days * SECS_PER_DAY;
  const [y, m, d] = civilFromDays(days);
  if (y - 1900 > INT_MAX || y - 1900 < -INT_MAX - 1) return false;
  tm.hour = Math.floor(rem / 3600);
  tm.min = Math.floor((rem % 3600) / 60);
  tm.sec = rem % 60;
  tm.wday = (((4 + days) % 7) + 7) % 7;
  tm.year = y - 1900;
  tm.mon = m - 1;
  tm.mday = d;
  tm.yday = daysBeforeMonth(y, m - 1) + d - 1;
  return true;
}

/** `gmtime_r()`. */
export function gmtime(t: number): Tm | undefined {
  const tm = emptyTm();
  if (!offtime(t, 0, tm)) return undefined;
  tm.zone = "GMT";
  return tm;
}

/** Seconds since the epoch of the (possibly out-of-range) broken-down UTC time, as mktime's arithmetic does it. */
export function tmToUtcSeconds(year: number, mon: number, mday: number, hour: number, min: number, sec: number): number {
  const monRemainder = ((mon % 12) + 12) % 12;
  const y = year + (mon - monRemainder) / 12 + 1900;
  const yday = daysBeforeMonth(y, monRemainder) + mday - 1;
  const days = daysFromCivil(y, 1, 1) + yday;
  return ((days * 24 + hour) * 60 + min) * 60 + sec;
}

/** `timegm()`: normalizes `tm` in place and returns its time, or undefined on overflow. */
export function timegm(tm: Tm): number | undefined {
  const t = tmToUtcSeconds(tm.year, tm.mon, tm.mday, tm.hour, tm.min, tm.sec);
  if (!Number.isSafeInteger(t)) return undefined;
  const out = gmtime(t);
  if (!out) return undefined;
  assignTm(tm, out);
  return t;
}
