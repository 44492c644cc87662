/**
 * Shared by the calendar differential test and its recording script: the
 * corpus, the contexts it runs in (time zone, base time), running the real
 * `systemd-analyze calendar` in batches, and splitting a batch's output back
 * into one record per expression.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { runCalendarAnalysis } from "../../server/src/languages/calendar/analyze-calendar.js";
import { parseTimestamp } from "../../server/src/languages/calendar/parse-timestamp.js";
import { namedZone, timezoneIsValid, zoneFromTz } from "../../server/src/languages/calendar/zone-files.js";
import { edgeCases } from "./edge-cases.js";
import { generateExpressions } from "./generator.js";

export const fixtureDir = "test/fixtures/calendar";
export const recordingFile = join(fixtureDir, "systemd-252.json");
export const systemdAnalyze = "/usr/bin/systemd-analyze";
export const ITERATIONS = 5;
export const GENERATOR_SEED = 20240331;
export const GENERATED = 2000;

/** Where and when the corpus is evaluated; `every` picks every n-th generated expression (edge cases always). */
export interface Context {
  name: string;
  tz: string;
  baseTime: string;
  every: number;
}

export const contexts: readonly Context[] = [
  { name: "utc", tz: "UTC", baseTime: "@1711802096.123456", every: 1 },
  // One second before the spring-forward gap of 2024 in Central Europe.
  { name: "berlin-spring", tz: "Europe/Berlin", baseTime: "@1711846799", every: 2 },
  // Inside the repeated hour of the 2024 fall-back in New York.
  { name: "new-york-fall", tz: "America/New_York", baseTime: "@1730611200", every: 4 },
  // Half an hour of DST, ending 2024-04-07.
  { name: "lord-howe", tz: "Australia/Lord_Howe", baseTime: "@1712410200", every: 8 },
  // systemd's own test base for DST gaps.
  { name: "eet-2016", tz: "EET", baseTime: "@1458000000", every: 16 },
];

/** Whether systemd's "valid timestamp" hint for this text depends on the day it runs ("Mon 12:00:00"-like text). */
function hintDependsOnDay(text: string): boolean {
  const zone = zoneFromTz("UTC");
  const verdict = (now: bigint) => parseTimestamp(text, { zone, mktime: { offset: 0 }, now, timezoneIsValid }) !== undefined;
  const day = 86_400_000_000n;
  const now = 1_700_000_000_000_000n;
  const first = verdict(now);
  return [1n, 2n, 3n, 4n, 5n, 6n, 200n].some((d) => verdict(now + d * day) !== first);
}

/** The edge cases and the generated expressions, without those whose output depends on the day of the run. */
export function corpus(): string[] {
  const all = [...edgeCases, ...generateExpressions(GENERATOR_SEED, GENERATED)];
  return [...new Set(all)].filter((e) => !hintDependsOnDay(e));
}

export function contextExpressions(context: Context, expressions: readonly string[]): string[] {
  const edges = new Set(edgeCases);
  let n = 0;
  return expressions.filter((e) => edges.has(e) || n++ % context.every === 0);
}

/** What systemd printed for one expression: stdout lines without "From now:", stderr lines. */
export interface ExpressionOutput {
  out: string[];
  err: string[];
}

export interface ContextRecording {
  name: string;
  tz: string;
  baseTime: string;
  exitCode: number;
  /** Parallel to the context's expressions. */
  outputs: ExpressionOutput[];
}

export interface Recording {
  systemd: string;
  command: string;
  iterations: number;
  expressions: string[];
  contexts: ContextRecording[];
}

const isFromNow = (line: string) => /^ *From now: /.test(line);

/** Splits a batch's stdout and stderr into one record per expression (see systemd's verb_calendar()). */
export function splitBatch(expressions: readonly string[], stdout: string, stderr: string): ExpressionOutput[] {
  const lines = stdout.split("\n");
  let line = 0;
  let err = 0;
  const take = (text: string): boolean => {
    if (!stderr.startsWith(text, err)) return false;
    err += text.length;
    return true;
  };
  const takeLine = (prefix: string): string | undefined => {
    if (!stderr.startsWith(prefix, err)) return undefined;
    const end = stderr.indexOf("\n", err + prefix.length);
    const text = stderr.slice(err, end < 0 ? stderr.length : end);
    err = end < 0 ? stderr.length : end + 1;
    return text;
  };
  const outputs = expressions.map((expression, i) => {
    const out: string[] = [];
    while (line < lines.length && lines[line] !== "") out.push(lines[line++] as string);
    if (i < expressions.length - 1) line++; // the blank line between expressions
    const errors: string[] = [];
    const failed = takeLine(`Failed to parse calendar specification '${expression}': `);
    if (failed !== undefined) {
      errors.push(failed);
      for (const kind of ["timestamp", "timespan"]) {
        const hint = `Hint: this expression is a valid ${kind}. Use 'systemd-analyze ${kind} "${expression}"' instead?\n`;
        if (take(hint)) errors.push(hint.slice(0, -1));
      }
    } else if (out.length === 0) {
      const loop = takeLine("Infinite loop in calendar calculation: ");
      if (loop !== undefined) errors.push(loop);
      const next = takeLine(`Failed to determine next elapse for '${expression}': `);
      if (next !== undefined) errors.push(next);
    }
    return { out: out.filter((l) => !isFromNow(l)), err: errors };
  });
  if (err !== stderr.length || lines.slice(line).some((l) => l !== "")) {
    throw new Error(`cannot attribute output to expressions: stderr from ${JSON.stringify(stderr.slice(err, err + 200))}`);
  }
  return outputs;
}

/** The recording as JSON with one expression or output per line, so that changes diff well. */
export function serializeRecording(r: Recording): string {
  const list = (items: unknown[]) => `[\n${items.map((i) => JSON.stringify(i)).join(",\n")}\n]`;
  const contexts = r.contexts.map(
    (c) =>
      `{"name":${JSON.stringify(c.name)},"tz":${JSON.stringify(c.tz)},"baseTime":${JSON.stringify(c.baseTime)},"exitCode":${c.exitCode},"outputs":${list(c.outputs)}}`,
  );
  return `{"systemd":${JSON.stringify(r.systemd)},"command":${JSON.stringify(r.command)},"iterations":${r.iterations},\n"expressions":${list(r.expressions)},\n"contexts":[\n${contexts.join(",\n")}\n]}\n`;
}

export function systemdVersion(): string | undefined {
  if (!existsSync(systemdAnalyze)) return undefined;
  const r = spawnSync(systemdAnalyze, ["--version"], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.split("\n")[0]?.trim() : undefined;
}

export interface BatchResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** One systemd-analyze call for all expressions of a context. */
export function runSystemd(context: Context, expressions: readonly string[]): BatchResult {
  const r = spawnSync(systemdAnalyze, ["calendar", `--iterations=${ITERATIONS}`, `--base-time=${context.baseTime}`, "--", ...expressions], {
    encoding: "utf8",
    env: { ...process.env, TZ: context.tz, LANG: "C.UTF-8", LC_ALL: "C.UTF-8", SYSTEMD_COLORS: "0" },
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.status ?? -1 };
}

/** Our engine on the same batch, in the context's zone and with a fixed clock (only "From now:" reads it). */
export function runOurs(
  context: Context,
  expressions: readonly string[],
): BatchResult & { reports: ReturnType<typeof runCalendarAnalysis>["reports"] } {
  const now = 1_800_000_000_000_000n;
  const env = { zone: zoneFromTz(context.tz), mktime: { offset: 0 }, now: () => now, namedZone, timezoneIsValid };
  const base = parseTimestamp(context.baseTime, { ...env, now });
  if (base === undefined) throw new Error(`base time ${context.baseTime} does not parse`);
  const run = runCalendarAnalysis([...expressions], ITERATIONS, base, env);
  return { stdout: run.stdout, stderr: run.stderr, exitCode: run.exitCode, reports: run.reports };
}

/** Whole command lines for `etcetera calendar` against `systemd-analyze calendar`: options, base times, errors. */
export interface CliCase {
  tz: string;
  args: string[];
}

export const cliCases: readonly CliCase[] = [
  { tz: "UTC", args: ["--iterations", "3", "--base-time", "2024-03-30 12:00:00 UTC", "daily", "Mon..Fri 08:00", "foo"] },
  { tz: "Europe/Berlin", args: ["daily", "--iterations=2", "--base-time=@1711802096", "*-02-30", "5min"] },
  { tz: "UTC", args: ["--iterations=-1", "daily"] },
  { tz: "UTC", args: ["--iterations=0x3", "--base-time=@0", "*-*-01"] },
  { tz: "UTC", args: ["--iterations=08", "daily"] },
  { tz: "UTC", args: ["--base-time=garbage", "daily"] },
  { tz: "UTC", args: [] },
  { tz: "UTC", args: ["--iterations=2"] },
  { tz: "Europe/Berlin", args: ["--base-time=2024-03-31 01:30 Europe/Berlin", "--iterations=4", "*-*-* 02:30"] },
  { tz: "Europe/Berlin", args: ["--base-time=2024-03-31 01:30 CET", "--iterations=2", "hourly"] },
  {
    tz: "Europe/Berlin",
    args: ["--base-time=@1711802096", "--iterations=2", "daily CET", "daily CEST", "weekly cest", "Mon 12:00 Europe/Berlin"],
  },
  { tz: "America/New_York", args: ["--base-time=2024-11-03 01:30 EDT", "--iterations=3", "*:0/20"] },
  { tz: "UTC", args: ["--base-time=2024-03-30 12:00:00.5 UTC", "--iterations=3", "*:*:*", "*:*:0.25/0.5"] },
  { tz: "UTC", args: ["--base-time=Sat 2024-03-30 12:00 UTC", "daily"] },
  { tz: "UTC", args: ["--base-time=Fri 2024-03-30 12:00 UTC", "daily"] },
  { tz: "UTC", args: ["--base-time=24-03-30 12:00:00", "--iterations=2", "monthly"] },
  { tz: "UTC", args: ["--base-time=Mar 30 12:00:00", "daily"] },
  { tz: "UTC", args: ["--base-time=@1711802096", "--", "-5min", "daily"] },
  { tz: "UTC", args: ["--base-time=@1711802096", "--iterations", "0", "daily", "*-02-30"] },
  { tz: "Australia/Lord_Howe", args: ["--base-time=@1712410200", "--iterations=4", "*-*-* 01:45", "daily Australia/Lord_Howe"] },
];

/** A live run of systemd-analyze for one command line. */
export function runSystemdCli(c: CliCase): BatchResult {
  const r = spawnSync(systemdAnalyze, ["calendar", ...c.args], {
    encoding: "utf8",
    env: { ...process.env, TZ: c.tz, LANG: "C.UTF-8", LC_ALL: "C.UTF-8", SYSTEMD_COLORS: "0" },
  });
  if (r.error) throw r.error;
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.status ?? -1 };
}

export const cliRecordingFile = join(fixtureDir, "cli-252.json");

/** Standard output without the clock-dependent lines. */
export const withoutFromNow = (stdout: string) =>
  stdout
    .split("\n")
    .filter((l) => !isFromNow(l))
    .join("\n");
