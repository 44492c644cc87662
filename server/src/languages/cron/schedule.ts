import { type Dialect, type FieldName, fields, specialInfo } from "./data.js";
import { evaluateField, type FieldValue } from "./fields.js";

/**
 * A job's schedule as the daemon holds it: one set of values per field plus
 * the DOM_STAR / DOW_STAR flags. cron runs a job in a minute when minute,
 * hour and month match and the day matches: if either day field starts with
 * '*', both day fields must match; otherwise either may (the OR rule).
 */
export interface Schedule {
  minute: Set<number>;
  hour: Set<number>;
  dom: Set<number>;
  month: Set<number>;
  dow: Set<number>;
  domStar: boolean;
  dowStar: boolean;
  /** @reboot: no time at all. */
  reboot?: boolean;
  /** cronie's `~`: the value is picked at random when the crontab is loaded. */
  random?: boolean;
  /** The five fields as text cron reads (for explanations), ignored tails removed. */
  text: string;
}

export interface CompiledFields {
  schedule?: Schedule;
  values: FieldValue[];
}

const fieldOrder: FieldName[] = ["minute", "hour", "day-of-month", "month", "day-of-week"];

/** Evaluates five field texts; `schedule` is undefined when cron rejects any of them. */
export function compileFields(texts: readonly string[], dialect: Dialect): CompiledFields {
  const values = texts.slice(0, 5).map((t, i) => evaluateField(t, fields[i] as (typeof fields)[number], dialect));
  if (values.length < 5 || values.some((v) => !v.ok)) return { values };
  const [minute, hour, dom, month, dow] = values as [FieldValue, FieldValue, FieldValue, FieldValue, FieldValue];
  return {
    values,
    schedule: {
      minute: minute.values,
      hour: hour.values,
      dom: dom.values,
      month: month.values,
      dow: dow.values,
      domStar: dom.star,
      dowStar: dow.star,
      random: values.some((v) => v.random),
      text: values.map((v) => v.read).join(" "),
    },
  };
}

/** The schedule of an @shorthand in a dialect, or undefined when the dialect does not know it. */
export function specialSchedule(name: string, dialect: Dialect): Schedule | undefined {
  const info = specialInfo(name);
  if (!info?.dialects.includes(dialect)) return undefined;
  if (name === "@reboot") {
    const empty = new Set<number>();
    return {
      minute: empty,
      hour: empty,
      dom: empty,
      month: empty,
      dow: empty,
      domStar: true,
      dowStar: true,
      reboot: true,
      text: "@reboot",
    };
  }
  if (!info.expansion) return undefined;
  return compileFields(info.expansion.split(" "), dialect).schedule;
}

export function fieldNameAt(index: number): FieldName {
  return fieldOrder[index] as FieldName;
}

/** Whether cron runs the schedule on this day (the day rule only). */
export function dayMatches(s: Schedule, dom: number, dow: number): boolean {
  const d = s.dom.has(dom);
  const w = s.dow.has(dow);
  return s.domStar || s.dowStar ? d && w : d || w;
}

/** Whether cron runs the schedule in the minute of a wall-clock date (local fields). */
export function matches(s: Schedule, date: { minute: number; hour: number; day: number; month: number; weekday: number }): boolean {
  return s.minute.has(date.minute) && s.hour.has(date.hour) && s.month.has(date.month) && dayMatches(s, date.day, date.weekday);
}

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * Whether the schedule can ever run. Calendars repeat every 400 years; a
 * day that matches shows up within 28 years for any day/weekday pair, so
 * scanning days from a leap-year start is enough.
 */
export function neverRuns(s: Schedule): string | undefined {
  if (s.reboot || s.random) return undefined;
  for (const [name, set] of [
    ["minute", s.minute],
    ["hour", s.hour],
    ["month", s.month],
  ] as const)
    if (set.size === 0) return `the ${name} field selects no value`;
  if (s.domStar || s.dowStar) {
    if (s.dom.size === 0) return "the day-of-month field selects no day";
    if (s.dow.size === 0) return "the day-of-week field selects no day";
  } else if (s.dom.size === 0 && s.dow.size === 0) return "neither day field selects a day";
  for (let year = 2000; year < 2029; year++) {
    for (const month of s.month) {
      const last = daysIn(year, month);
      for (let day = 1; day <= last; day++) {
        if (dayMatches(s, day, new Date(Date.UTC(year, month - 1, day)).getUTCDay())) return undefined;
      }
    }
  }
  const months = [...s.month].sort((a, b) => a - b);
  const days = [...s.dom].sort((a, b) => a - b);
  return `no month of ${months.map((m) => monthNames[m - 1]).join(", ")} has day ${days.join(", ")}`;
}

export const monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
export const weekdayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
