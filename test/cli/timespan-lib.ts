/**
 * Shared by the `etcetera timespan` differential test and its recording
 * script (test/scripts/record-timespan.ts): the inputs, running the real
 * `systemd-analyze timespan` and the bundled CLI on one input each, and the
 * recording's shape.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { bundlePath } from "../helpers/bundle.js";

export const recordingFile = "test/fixtures/timespan/systemd-analyze.json";
/** SYSTEMD_ANALYZE=/nonexistent runs the test against the recording even where systemd is installed. */
export const systemdAnalyze = process.env.SYSTEMD_ANALYZE ?? "/usr/bin/systemd-analyze";
/** systemd prints "us" instead of "μs" outside a UTF-8 locale; etcetera always prints "μs". */
const env = { ...process.env, LC_ALL: "C.UTF-8", SYSTEMD_COLORS: "0", SYSTEMD_PAGER: "" };

/** What one run printed and how it ended. */
export interface Verdict {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface Case extends Verdict {
  input: string;
}

export interface Recording {
  systemd: string;
  command: string;
  cases: Case[];
}

export function systemdVersion(): string | undefined {
  if (!existsSync(systemdAnalyze)) return undefined;
  const r = spawnSync(systemdAnalyze, ["--version"], { encoding: "utf8", env });
  return r.status === 0 ? r.stdout.split("\n")[0] : undefined;
}

function run(command: string, args: string[], timeoutMs = 20_000): Promise<Verdict> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (code === null) reject(new Error(`${command} ${JSON.stringify(args)} ended by ${signal} (hung for ${timeoutMs} ms?)`));
      else resolve({ exitCode: code, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") });
    });
  });
}

/** `systemd-analyze timespan -- SPAN`: the `--` lets spans that start with '-' through its option parser. */
export function runSystemd(input: string): Promise<Verdict> {
  return run(systemdAnalyze, ["timespan", "--", input]);
}

/** `etcetera timespan SPAN`, the bundled CLI. */
export function runEtcetera(input: string): Promise<Verdict> {
  return run(process.execPath, [bundlePath, "timespan", input]);
}

/** Maps over items with at most `limit` promises in flight, keeping the order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

const unitWords = ["us", "usec", "µs", "μs", "ms", "msec", "s", "sec", "second", "seconds", "m", "min", "minute", "minutes"].concat(
  ["h", "hr", "hour", "hours", "d", "day", "days", "w", "week", "weeks", "M", "month", "months", "y", "year", "years"],
  // Not units of a time span (some are of other systemd values), or misspelt.
  ["ns", "nsec", "S", "H", "mins", "secs", "hrs", "sek", "x"],
);

/**
 * About 250 inputs, valid and invalid: every unit word after whole and
 * fractional numbers, combinations, whitespace of every kind in every place,
 * `infinity` in its forms, overflow at the edges of 64 bits, and garbage.
 * Nothing whose verdict depends on the day of the run.
 */
export function timespanInputs(): string[] {
  const inputs: string[] = [];
  for (const unit of unitWords) inputs.push(`1${unit}`, `2.5${unit}`, `10 ${unit}`);
  inputs.push(
    ...["0", "1", "90", "007", "0.5", ".5", "5.", "1.", "1.5", "0.0000001", "1.0000005", "+5", "+5s", "++5s", "1e3", "0x10"],
    ...["1h 30min", "1h30min", "1h 30 min 5s", "2weeks 3days", "1y 2M", "13month", "25h", "61min", "5000ms", "90s", "1min 1.5s"],
    ...["1.000001s", "1.0000005s", "1.5h", "3.25d", "0.1ms", "1.999999999s", "1w 8d", "5s 10min", "1 y", "5 s", "1.5 min"],
    ...["5ss", "5 m s", "5s5", "5min5", "s", "5.s", "1.s", "5..5s", "1,5s", "1_000s", "5s;6s", "5s#", "5s,6s", "5s-3s"],
    ...["", " ", "\t", "abc", "é", "½s", "٣s", "5s ago", "now", "today", "yesterday", "tomorrow", "-5s", "-0", "- 5s"],
    ...["2024-01-01", "12:00", "@1700000000", "5\u00a0s", "5\u2009s", "５s", "5 μs", "1µs 1μs"],
    ...["infinity", " infinity", "infinity ", "\tinfinity\n", "Infinity", "INFINITY", "inf", "infinit", "infinity5s"],
    ...["5s infinity", "infinity infinity", "-infinity", "+infinity", "infinity s"],
    ...["18446744073709551615", "18446744073709551615us", "18446744073709551614us", "18446744073709551616us"],
    ...["9223372036854775807us", "9223372036854775808us", "9223372036854775806us", "10000000000000000000us"],
    ...["584542y", "584541y", "584541y 1month", "213503982334d", "213503982335d", "99999999999999999999", "5124095576h"],
    ...["9223372036854s", "9223372036855s", "18446744073709s", "18446744073710s", "0.99999999999999999999s"],
  );
  // Whitespace of every kind, before, after, inside and between terms.
  for (const ws of [" ", "  ", "\t", "\n", "\r", "\r\n", "\f", "\v"]) {
    inputs.push(`${ws}5s`, `5s${ws}`, `5${ws}s`, `1h${ws}5s`);
  }
  return [...new Set(inputs)];
}
