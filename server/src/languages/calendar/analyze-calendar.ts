/**
 * `systemd-analyze calendar` of systemd 252 (src/analyze/analyze-calendar.c,
 * time_parsing_hint() in analyze.c): the same table on standard output, the
 * same errors and hints on standard error, the same exit status. Only the
 * "From now:" lines depend on the clock.
 */
import { trimEndWhile } from "../../core/text.js";
import { formatSpec } from "./format-spec.js";
import { formatTimestamp, formatTimestampRelative } from "./format-timestamp.js";
import { nextElapse, type TimeContext, type ZoneLookup } from "./next-elapse.js";
import { type ParseEnvironment, parseCalendarSpec } from "./parse-spec.js";
import { parseTimestamp } from "./parse-timestamp.js";
import { errnoText } from "./spec.js";
import { parseTimespan } from "./timespan.js";

/** A process's view of time: its zone state, the clock, and how zones are found. */
export interface AnalyzeEnvironment extends TimeContext {
  /** The clock, microseconds since the epoch; read for the base time and the "From now:" lines. */
  now(): bigint;
  namedZone: ZoneLookup;
  timezoneIsValid(name: string): boolean;
}

export interface ElapseReport {
  /** Microseconds since the epoch, as a decimal string (it exceeds 2^53). */
  usec: string;
  local: string;
  utc: string;
  fromNow: string;
}

export interface ExpressionReport {
  expression: string;
  valid: boolean;
  /** Why systemd refuses it: strerror() text, our reason, and the offending offsets. */
  error?: { errno: string; message: string; reason: string; from: number; to: number };
  hints: string[];
  normalized?: string;
  elapses: ElapseReport[];
  /** "Next elapse: never". */
  never: boolean;
  /** Set when systemd fails to compute an elapse (it then prints no table). */
  nextError?: string;
}

const nextErrnoText: Record<string, string> = { EINVAL: "Invalid argument", EDEADLK: "Resource deadlock avoided" };

function parseEnvironment(env: AnalyzeEnvironment): ParseEnvironment {
  return { tzname: () => env.zone.tzname, timezoneIsValid: (n) => env.timezoneIsValid(n) };
}

/** systemd 252's notice for a string that is another kind of time. */
function hints(text: string, env: AnalyzeEnvironment): string[] {
  const out: string[] = [];
  const ts = parseTimestamp(text, { ...env, now: env.now() });
  if (ts !== undefined) out.push(`Hint: this expression is a valid timestamp. Use 'systemd-analyze timestamp "${text}"' instead?`);
  if (parseTimespan(text).ok) out.push(`Hint: this expression is a valid timespan. Use 'systemd-analyze timespan "${text}"' instead?`);
  return out;
}

/** Tests one expression the way test_calendar_one() does; writes its rows and messages. */
export function analyzeExpression(
  expression: string,
  base: bigint,
  iterations: number,
  env: AnalyzeEnvironment,
  out: { rows: [string, string][]; stderr: string[] },
): ExpressionReport {
  const report: ExpressionReport = { expression, valid: false, hints: [], elapses: [], never: false };
  const parsed = parseCalendarSpec(expression, parseEnvironment(env));
  if (!parsed.ok) {
    const message = errnoText[parsed.errno];
    report.error = { errno: parsed.errno, message, reason: parsed.reason, from: parsed.from, to: parsed.to };
    out.stderr.push(`Failed to parse calendar specification '${expression}': ${message}`);
    report.hints = hints(expression, env);
    out.stderr.push(...report.hints);
    return report;
  }
  report.valid = true;
  const normalized = formatSpec(parsed.spec, env.zone.tzname);
  report.normalized = normalized;
  // Cells are formatted when the table is printed, after all elapses are known.
  const pending: { label: string; usec?: bigint; kind: "local" | "utc" | "relative" | "text"; text?: string }[] = [];
  if (normalized !== expression) pending.push({ label: "Original form:", kind: "text", text: expression });
  pending.push({ label: "Normalized form:", kind: "text", text: normalized });
  let n = base;
  const elapses: bigint[] = [];
  for (let i = 0; i < iterations; i++) {
    const next = nextElapse(parsed.spec, n, env, env.namedZone);
    if (!next.ok && next.errno === "ENOENT") {
      if (i === 0) {
        pending.push({ label: "Next elapse:", kind: "text", text: "never" });
        report.never = true;
      }
      break;
    }
    if (!next.ok) {
      // systemd logs this warning, except from the helper process it forks for a spec with a time zone.
      if (next.errno === "EDEADLK" && !parsed.spec.timezone) {
        out.stderr.push(`Infinite loop in calendar calculation: ${formatSpec(parsed.spec, env.zone.tzname)}`);
      }
      report.nextError = next.errno;
      out.stderr.push(`Failed to determine next elapse for '${expression}': ${nextErrnoText[next.errno]}`);
      return report;
    }
    pending.push({ label: i === 0 ? "Next elapse:" : `Iter. #${i + 1}:`, kind: "local", usec: next.usec });
    if (!(env.zone.timezone === 0 && !env.zone.daylight)) pending.push({ label: "(in UTC):", kind: "utc", usec: next.usec });
    pending.push({ label: "From now:", kind: "relative", usec: next.usec });
    elapses.push(next.usec);
    n = next.usec;
  }
  const now = env.now();
  let elapse: ElapseReport | undefined;
  for (const cell of pending) {
    let value: string;
    if (cell.kind === "text") value = cell.text ?? "";
    else {
      const usec = cell.usec ?? 0n;
      if (cell.kind === "local") {
        elapse = { usec: String(usec), local: "", utc: "", fromNow: "" };
        report.elapses.push(elapse);
      }
      value =
        (cell.kind === "local"
          ? formatTimestamp(usec, env.zone)
          : cell.kind === "utc"
            ? formatTimestamp(usec, "UTC")
            : formatTimestampRelative(usec, now)) ?? "n/a";
      if (elapse && cell.kind !== "relative") elapse[cell.kind] = value;
      if (elapse && cell.kind === "relative") elapse.fromNow = value;
    }
    out.rows.push([cell.label, value]);
  }
  for (const e of report.elapses) if (e.utc === "") e.utc = formatTimestamp(BigInt(e.usec), "UTC") ?? "n/a";
  return report;
}

/**
 * The table as systemd prints it: labels right-aligned to the widest, one
 * space, the value. A value narrower than the widest is padded and then
 * loses its trailing white space; the widest keeps it.
 */
export function renderRows(rows: [string, string][]): string {
  const labelWidth = Math.max(0, ...rows.map(([label]) => label.length));
  const valueWidth = Math.max(0, ...rows.map(([, value]) => value.length));
  return rows
    .map(
      ([label, value]) =>
        `${label.padStart(labelWidth)} ${value.length < valueWidth ? trimEndWhile(value, (c) => c === " " || c === "\t" || c === "\n" || c === "\r") : value}`,
    )
    .join("\n");
}

export interface CalendarRun {
  stdout: string;
  stderr: string;
  exitCode: number;
  reports: ExpressionReport[];
}

/** Runs `systemd-analyze calendar` over parsed options; `base` undefined means now. */
export function runCalendarAnalysis(
  expressions: string[],
  iterations: number,
  base: bigint | undefined,
  env: AnalyzeEnvironment,
): CalendarRun {
  const n = base ?? env.now();
  const stdout: string[] = [];
  const stderr: string[] = [];
  const reports: ExpressionReport[] = [];
  let failed = false;
  expressions.forEach((expression, i) => {
    const out = { rows: [] as [string, string][], stderr };
    const report = analyzeExpression(expression, n, iterations, env, out);
    reports.push(report);
    if (!report.valid || report.nextError) failed = true;
    if (out.rows.length > 0) stdout.push(`${renderRows(out.rows)}\n`);
    if (i < expressions.length - 1) stdout.push("\n");
  });
  return {
    stdout: stdout.join(""),
    stderr: stderr.map((l) => `${l}\n`).join(""),
    exitCode: failed ? 1 : 0,
    reports,
  };
}
