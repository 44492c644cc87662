/**
 * A calendar event (`OnCalendar=`) as systemd holds it (`CalendarSpec` in
 * src/shared/calendarspec.h), plus where each part came from in the text.
 */

/** One element of a component list: a value, a range `start..stop`, or a repetition `start[..stop]/repeat`. */
export interface Component {
  start: number;
  /** -1 when there is no end. */
  stop: number;
  /** 0 when it does not repeat. */
  repeat: number;
  /** Offsets of the text this element was written as (a shorthand or `@…` covers its whole word). */
  from: number;
  to: number;
}

/** A list of elements; null stands for `*` (any value). Seconds are in microseconds. */
export type Chain = Component[] | null;

export interface CalendarSpec {
  /** Bit 0 = Monday … bit 6 = Sunday; -1 = any weekday. */
  weekdaysBits: number;
  year: Chain;
  month: Chain;
  day: Chain;
  hour: Chain;
  minute: Chain;
  microsecond: Chain;
  /** Days counted from the end of the month (`~`). */
  endOfMonth: boolean;
  utc: boolean;
  /** -1: whatever the local zone says; 0/1: the local zone's standard/daylight name was written. */
  dst: number;
  /** An IANA zone written after the spec. */
  timezone: string | undefined;
}

export type CalendarErrno = "EINVAL" | "ERANGE" | "ENOBUFS";

/** The text of `strerror()` for each error systemd's parser returns. */
export const errnoText: Record<CalendarErrno, string> = {
  EINVAL: "Invalid argument",
  ERANGE: "Numerical result out of range",
  ENOBUFS: "No buffer space available",
};

/** Why systemd refuses a spec: its error number, our explanation, and the offending text. */
export interface CalendarError {
  ok: false;
  errno: CalendarErrno;
  reason: string;
  /** Offsets into the input of the offending text (from === to points between characters). */
  from: number;
  to: number;
}

export type CalendarParseResult = { ok: true; spec: CalendarSpec } | CalendarError;

export const MIN_YEAR = 1970;
export const MAX_YEAR = 2199;
export const USEC_PER_SEC = 1_000_000;
export const BITS_WEEKDAYS = 127;
/** The longest list systemd accepts in one component. */
export const COMPONENTS_MAX = 240;

export const weekdayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;
export const weekdayLongNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

export function emptySpec(): CalendarSpec {
  return {
    weekdaysBits: 0,
    year: null,
    month: null,
    day: null,
    hour: null,
    minute: null,
    microsecond: null,
    endOfMonth: false,
    utc: false,
    dst: -1,
    timezone: undefined,
  };
}
