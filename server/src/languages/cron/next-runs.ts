import { CronExpressionParser } from "cron-parser";
import { dayMatches, neverRuns, type Schedule } from "./schedule.js";

/**
 * Next run times of a schedule, in the local time zone of this process (the
 * daemon uses the host's), later than `after`.
 *
 * `nextRuns` lets cron-parser walk the calendar, but never lets it parse a
 * crontab field: it is handed the value lists cron itself computed (so
 * reversed ranges, ignored tails and `*\/70` mean what they mean to cron),
 * and its day rule is corrected: cron-parser combines a restricted
 * day-of-month and day-of-week with OR unless one is exactly `*`, while cron
 * uses AND as soon as either field starts with `*` (as in `*\/2`). Those
 * runs are filtered from cron-parser's OR. `referenceRuns` is a plain
 * day-by-day walk over cron's own matching rule; a test keeps both in step.
 */
export function nextRuns(s: Schedule, after: Date, count: number): Date[] {
  if (s.reboot || s.random || neverRuns(s)) return [];
  const list = (set: Set<number>, drop?: number) =>
    [...set]
      .filter((v) => v !== drop)
      .sort((a, b) => a - b)
      .join(",");
  const domFull = s.dom.size === 31;
  const dowFull = s.dow.size === 8;
  const andRule = s.domStar || s.dowStar;
  const dom = andRule && domFull ? "*" : list(s.dom);
  const dow = andRule && dowFull ? "*" : list(s.dow, 7);
  const needsFilter = andRule && !domFull && !dowFull;
  const expression = `0 ${list(s.minute)} ${list(s.hour)} ${dom || "*"} ${list(s.month)} ${dow || "*"}`;
  const iterator = CronExpressionParser.parse(expression, { currentDate: after });
  const out: Date[] = [];
  for (let guard = 0; out.length < count && guard < 200_000; guard++) {
    let next: Date;
    try {
      next = iterator.next().toDate();
    } catch {
      break;
    }
    if (needsFilter && !dayMatches(s, next.getDate(), next.getDay())) continue;
    if (next.getTime() > after.getTime()) out.push(next);
  }
  return out;
}

/** A direct walk over cron's matching rule, day by day, in local time. */
export function referenceRuns(s: Schedule, after: Date, count: number): Date[] {
  if (s.reboot || s.random || neverRuns(s)) return [];
  const hours = [...s.hour].sort((a, b) => a - b);
  const minutes = [...s.minute].sort((a, b) => a - b);
  const out: Date[] = [];
  let last = after.getTime();
  for (let day = 0; out.length < count && day < 366 * 30; day++) {
    const d = new Date(after.getFullYear(), after.getMonth(), after.getDate() + day);
    if (!s.month.has(d.getMonth() + 1) || !dayMatches(s, d.getDate(), d.getDay())) continue;
    for (const h of hours) {
      for (const m of minutes) {
        const t = new Date(d.getFullYear(), d.getMonth(), d.getDate(), h, m).getTime();
        if (t > last) {
          out.push(new Date(t));
          last = t;
          if (out.length === count) return out;
        }
      }
    }
  }
  return out;
}

/** `2026-03-01 04:30` in local time, with the weekday. */
export function formatRun(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  const weekday = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][d.getDay()];
  return `${weekday} ${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

export function localZoneName(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone ?? "local time";
}
