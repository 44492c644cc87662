/**
 * Calendar engine throughput, measured beside `systemd-analyze calendar` on
 * the same expressions in the same run: expressions parsed and normalized
 * per second, and next-elapse computations per second, in UTC and in a zone
 * with DST. systemd-analyze is timed as one process per batch (its start-up
 * is measured with an empty batch and subtracted). Numbers are measured,
 * never asserted.
 *
 *   import { benchCalendar, formatCalendarBench } from "./calendar-bench.js";
 *   console.log(formatCalendarBench(await benchCalendar()));
 */
import { spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { formatSpec } from "../../server/src/languages/calendar/format-spec.js";
import { nextElapse } from "../../server/src/languages/calendar/next-elapse.js";
import { parseCalendarSpec } from "../../server/src/languages/calendar/parse-spec.js";
import type { CalendarSpec } from "../../server/src/languages/calendar/spec.js";
import { namedZone, timezoneIsValid, zoneFromTz } from "../../server/src/languages/calendar/zone-files.js";
import { corpus, systemdAnalyze, systemdVersion } from "../calendar/differential-lib.js";

export interface CalendarBenchRow {
  /** What is counted, e.g. "parse + normalize (UTC)". */
  metric: string;
  unit: "ops/s";
  etcetera: number;
  /** Undefined when systemd-analyze is not installed. */
  systemd: number | undefined;
}

export interface CalendarBenchResult {
  title: string;
  expressions: number;
  valid: number;
  iterations: number;
  systemd: string | undefined;
  rows: CalendarBenchRow[];
}

const BASE_USEC = 1_711_802_096_000_000n;
const BASE_ARG = "--base-time=@1711802096";

/** Repeats `run` until at least `minMs` passed (after as long a warm-up); returns operations per second. */
function rate(operationsPerRun: number, minMs: number, run: () => void): number {
  const warm = performance.now();
  do run();
  while (performance.now() - warm < minMs);
  let runs = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    run();
    runs++;
    elapsed = performance.now() - start;
  } while (elapsed < minMs);
  return (operationsPerRun * runs) / (elapsed / 1000);
}

function timeSystemd(tz: string, args: string[]): number {
  const start = performance.now();
  const r = spawnSync(systemdAnalyze, ["calendar", ...args], { env: { ...process.env, TZ: tz }, maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw r.error;
  return performance.now() - start;
}

/** The fastest of a few runs, in milliseconds (the least disturbed by other work on the machine). */
function bestOf(n: number, f: () => number): number {
  return Math.min(...Array.from({ length: n }, f));
}

function oursFor(tz: string, expressions: string[], iterations: number, minMs: number) {
  const env = { zone: zoneFromTz(tz), mktime: { offset: 0 } };
  const parseEnv = { tzname: () => env.zone.tzname, timezoneIsValid };
  const specs: CalendarSpec[] = [];
  for (const e of expressions) {
    const r = parseCalendarSpec(e, parseEnv);
    if (r.ok) specs.push(r.spec);
  }
  const parse = rate(expressions.length, minMs, () => {
    for (const e of expressions) {
      const r = parseCalendarSpec(e, parseEnv);
      if (r.ok) formatSpec(r.spec, env.zone.tzname);
    }
  });
  let computations = 0;
  for (const spec of specs) {
    let at = BASE_USEC;
    for (let i = 0; i < iterations; i++) {
      const next = nextElapse(spec, at, env, namedZone);
      computations++;
      if (!next.ok) break;
      at = next.usec;
    }
  }
  const next = rate(computations, minMs, () => {
    for (const spec of specs) {
      let at = BASE_USEC;
      for (let i = 0; i < iterations; i++) {
        const n = nextElapse(spec, at, env, namedZone);
        if (!n.ok) break;
        at = n.usec;
      }
    }
  });
  return { parse, next, valid: specs.length, computations };
}

function systemdFor(tz: string, expressions: string[], iterations: number, computations: number) {
  const empty = bestOf(3, () => timeSystemd(tz, ["--iterations=0", BASE_ARG, "daily"]));
  const parseOnly = bestOf(3, () => timeSystemd(tz, ["--iterations=0", BASE_ARG, "--", ...expressions]));
  const withNext = bestOf(3, () => timeSystemd(tz, [`--iterations=${iterations}`, BASE_ARG, "--", ...expressions]));
  return {
    parse: expressions.length / (Math.max(parseOnly - empty, 0.001) / 1000),
    next: computations / (Math.max(withNext - parseOnly, 0.001) / 1000),
  };
}

/** Measures both engines on the differential corpus (or `expressions`) in UTC and in Europe/Berlin. */
export async function benchCalendar(
  options: { expressions?: string[]; iterations?: number; minMs?: number } = {},
): Promise<CalendarBenchResult> {
  const expressions = options.expressions ?? corpus();
  const iterations = options.iterations ?? 5;
  const minMs = options.minMs ?? 500;
  const version = systemdVersion();
  const rows: CalendarBenchRow[] = [];
  let valid = 0;
  for (const tz of ["UTC", "Europe/Berlin"]) {
    const ours = oursFor(tz, expressions, iterations, minMs);
    valid = ours.valid;
    const theirs = version ? systemdFor(tz, expressions, iterations, ours.computations) : undefined;
    rows.push({ metric: `parse + normalize (${tz})`, unit: "ops/s", etcetera: ours.parse, systemd: theirs?.parse });
    rows.push({ metric: `next elapse (${tz})`, unit: "ops/s", etcetera: ours.next, systemd: theirs?.next });
  }
  return {
    title: "OnCalendar= engine vs systemd-analyze calendar",
    expressions: expressions.length,
    valid,
    iterations,
    systemd: version,
    rows,
  };
}

/** The result as a small text table. */
export function formatCalendarBench(r: CalendarBenchResult): string {
  const n = (v: number | undefined) => (v === undefined ? "n/a" : Math.round(v).toLocaleString("en-US"));
  const lines = [
    `${r.title}: ${r.expressions} expressions (${r.valid} valid), ${r.iterations} elapses each; ${r.systemd ?? "systemd-analyze not installed"}`,
    `${"metric".padEnd(34)} ${"etcetera".padStart(12)} ${"systemd".padStart(12)}  unit`,
    ...r.rows.map((row) => `${row.metric.padEnd(34)} ${n(row.etcetera).padStart(12)} ${n(row.systemd).padStart(12)}  ${row.unit}`),
  ];
  return lines.join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(formatCalendarBench(await benchCalendar()));
}
