import type { Schedule } from "./schedule.js";

/**
 * The OnCalendar= expressions equivalent to a cron schedule, and a small
 * evaluator for exactly the forms written here (weekday list, `*-MM-DD
 * HH:MM:00` with `*`, lists, `a..b` ranges and `a/step` repetitions): the
 * tests' independent oracle next to the calendar engine that to-timer uses.
 */

const systemdWeekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const pad = (n: number) => String(n).padStart(2, "0");

/** A component: `*`, `a/step` (repeating to the component's end), or a list of values and `a..b` ranges. */
function component(values: ReadonlySet<number>, min: number, max: number): string {
  const sorted = [...values].filter((v) => v >= min && v <= max).sort((a, b) => a - b);
  if (sorted.length === max - min + 1) return "*";
  const first = sorted[0] as number;
  const step = (sorted[1] ?? 0) - first;
  if (sorted.length >= 3 && step >= 2 && sorted.every((v, i) => v === first + i * step) && (sorted.at(-1) as number) + step > max)
    return `${pad(first)}/${step}`;
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && (sorted[j + 1] as number) === (sorted[j] as number) + 1) j++;
    if (j - i >= 2) parts.push(`${pad(sorted[i] as number)}..${pad(sorted[j] as number)}`);
    else for (let k = i; k <= j; k++) parts.push(pad(sorted[k] as number));
    i = j + 1;
  }
  return parts.join(",");
}

/** cron's day-of-week values (0 and 7 Sunday) as systemd's weekday list (Monday first). */
function weekdays(dow: ReadonlySet<number>): string {
  const days = new Set([...dow].map((d) => (d + 6) % 7));
  const sorted = [...days].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && (sorted[j + 1] as number) === (sorted[j] as number) + 1) j++;
    if (j - i >= 2) parts.push(`${systemdWeekdays[sorted[i] as number]}..${systemdWeekdays[sorted[j] as number]}`);
    else for (let k = i; k <= j; k++) parts.push(systemdWeekdays[sorted[k] as number] as string);
    i = j + 1;
  }
  return parts.join(",");
}

function line(s: Schedule, dow: ReadonlySet<number> | undefined, dom: ReadonlySet<number> | undefined): string {
  const w = dow && new Set([...dow].map((d) => d % 7)).size < 7 ? `${weekdays(dow)} ` : "";
  const d = dom ? component(dom, 1, 31) : "*";
  return `${w}*-${component(s.month, 1, 12)}-${d} ${component(s.hour, 0, 23)}:${component(s.minute, 0, 59)}:00`;
}

/**
 * OnCalendar= lines whose union elapses exactly when cron runs the schedule.
 * One line combines weekday and day with AND, which is cron's rule when a day
 * field starts with '*'; cron's OR becomes two lines (a timer elapses at the
 * union of its OnCalendar= lines, once for a time both give).
 */
export function onCalendarLines(s: Schedule): string[] {
  const domFull = s.dom.size === 31;
  const dowFull = new Set([...s.dow].map((d) => d % 7)).size === 7;
  if (s.domStar || s.dowStar) return [line(s, dowFull ? undefined : s.dow, domFull ? undefined : s.dom)];
  if (domFull || dowFull) return [line(s, undefined, undefined)];
  return [line(s, undefined, s.dom), line(s, s.dow, undefined)];
}

interface Parsed {
  weekdays?: Set<number>;
  month: Set<number>;
  day: Set<number>;
  hour: Set<number>;
  minute: Set<number>;
}

function parseComponent(text: string, min: number, max: number): Set<number> {
  const out = new Set<number>();
  for (const part of text.split(",")) {
    if (part === "*") for (let v = min; v <= max; v++) out.add(v);
    else if (part.includes("/")) {
      const [a, step] = part.split("/").map(Number) as [number, number];
      for (let v = a; v <= max; v += step) out.add(v);
    } else if (part.includes("..")) {
      const [a, b] = part.split("..").map(Number) as [number, number];
      for (let v = a; v <= b; v++) out.add(v);
    } else out.add(Number(part));
  }
  return out;
}

function parseLine(expr: string): Parsed {
  const m = /^(?:(\S+) )?\*-(\S+)-(\S+) (\S+):(\S+):00$/.exec(expr);
  if (!m) throw new Error(`not a form this evaluator reads: ${expr}`);
  let wd: Set<number> | undefined;
  if (m[1]) {
    wd = new Set();
    for (const part of m[1].split(",")) {
      const [a, b] = part.split("..").map((n) => systemdWeekdays.indexOf(n));
      const from = a as number;
      for (let v = from; v <= (b ?? from) && v >= 0; v++) wd.add((v + 1) % 7);
    }
  }
  return {
    weekdays: wd,
    month: parseComponent(m[2] as string, 1, 12),
    day: parseComponent(m[3] as string, 1, 31),
    hour: parseComponent(m[4] as string, 0, 23),
    minute: parseComponent(m[5] as string, 0, 59),
  };
}

/** The next elapses of a timer with these OnCalendar= lines (local time, after `after`). */
export function onCalendarRuns(lines: readonly string[], after: Date, count: number): Date[] {
  const parsed = lines.map(parseLine);
  const hours = [...new Set(parsed.flatMap((p) => [...p.hour]))].sort((a, b) => a - b);
  const minutes = [...new Set(parsed.flatMap((p) => [...p.minute]))].sort((a, b) => a - b);
  const out: Date[] = [];
  let last = after.getTime();
  for (let day = 0; out.length < count && day < 366 * 30; day++) {
    const d = new Date(after.getFullYear(), after.getMonth(), after.getDate() + day);
    const today = parsed.filter(
      (p) => p.month.has(d.getMonth() + 1) && p.day.has(d.getDate()) && (!p.weekdays || p.weekdays.has(d.getDay())),
    );
    if (today.length === 0) continue;
    for (const h of hours) {
      for (const m of minutes) {
        if (!today.some((p) => p.hour.has(h) && p.minute.has(m))) continue;
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
