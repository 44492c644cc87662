/**
 * The calendar engine as the editor and the linter use it: check a spec,
 * normalize it, list its next elapses, tell whether it ever elapses. All
 * calls share one view of this machine's time (its local zone), as one
 * systemd process would.
 */
import type { AnalyzeEnvironment } from "./analyze-calendar.js";
import { clockNow, processEnvironment } from "./environment.js";
import { formatSpec } from "./format-spec.js";
import { formatTimestamp } from "./format-timestamp.js";
import { nextElapse } from "./next-elapse.js";
import { parseCalendarSpec } from "./parse-spec.js";
import type { CalendarError, CalendarSpec } from "./spec.js";

let shared: AnalyzeEnvironment | undefined;
function environment(): AnalyzeEnvironment {
  shared ??= processEnvironment();
  return shared;
}

export type CalendarCheck = { ok: true; spec: CalendarSpec; normalized: string } | CalendarError;

/** Parses and normalizes a spec as systemd would on this machine; never throws. */
export function checkCalendar(text: string): CalendarCheck {
  const env = environment();
  const parsed = parseCalendarSpec(text, { tzname: () => env.zone.tzname, timezoneIsValid: env.timezoneIsValid });
  if (!parsed.ok) return parsed;
  return { ok: true, spec: parsed.spec, normalized: formatSpec(parsed.spec, env.zone.tzname) };
}

export interface Elapse {
  usec: bigint;
  /** As systemd prints it in this machine's zone ("Mon 2024-04-01 08:00:00 CEST"). */
  local: string;
  utc: string;
}

/** The next `count` elapses after `after` (microseconds; now by default); fewer when the spec stops elapsing. */
export function upcomingElapses(spec: CalendarSpec, count: number, after: bigint = clockNow()): Elapse[] {
  const env = environment();
  const out: Elapse[] = [];
  let at = after;
  for (let i = 0; i < count; i++) {
    const next = nextElapse(spec, at, env, env.namedZone);
    if (!next.ok) break;
    out.push({ usec: next.usec, local: formatTimestamp(next.usec, env.zone) ?? "n/a", utc: formatTimestamp(next.usec, "UTC") ?? "n/a" });
    at = next.usec;
  }
  return out;
}

/**
 * Whether a valid spec will elapse: "upcoming"; "past" when all its times
 * are before `now`; "never" when no time at all matches (`*-02-30`, a date
 * on the wrong weekday); "stuck" when systemd gives up searching (it logs
 * "Infinite loop in calendar calculation" and the timer never elapses).
 */
export function elapseOutlook(spec: CalendarSpec, now: bigint = clockNow()): "upcoming" | "past" | "never" | "stuck" {
  const env = environment();
  const next = nextElapse(spec, now, env, env.namedZone);
  if (next.ok) return "upcoming";
  if (next.errno === "EDEADLK") return "stuck";
  const ever = nextElapse(spec, 0n, env, env.namedZone);
  return ever.ok ? "past" : "never";
}

/** The name of this machine's zone, for messages. */
export function localZoneName(): string {
  return environment().zone.id;
}
