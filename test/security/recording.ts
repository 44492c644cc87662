/**
 * The recording of systemd's verdicts (test/fixtures/security-differential/):
 * which units were scored how, so that the differential test runs on
 * machines without systemd-analyze. Shared by the record script and the test.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { type CheckResult, checks, scoredUnitName } from "../../server/src/languages/systemd/security/index.js";
import type { Scope } from "../../server/src/languages/systemd/security/types.js";
import { repo } from "./corpus-services.js";
import { runSystemdSecurity, securityArgs, systemdAnalyze } from "./systemd-security.js";

export const fixtureDir = join(repo, "test/fixtures/security-differential");

/**
 * One unit as recorded: overall exposure and level, and `checks`, one token
 * per check in the order of our check table (systemd's own order): `-` does
 * not apply, `+` passes (✓), a number is the exposure of a failed check (✗).
 */
export interface RecordedUnit {
  scope: Scope;
  unit: string;
  overall?: string;
  level?: string;
  checks?: string;
  refused?: string;
}

/** systemd's rows as our tokens; a row systemd has and we do not know shows up as `?name`. */
export function encodeRows(rows: Record<string, string>): string {
  const tokens = checks.map((c) => {
    const r = rows[c.name];
    if (r === undefined) return "?";
    return r === " " ? "-" : r === "✓" ? "+" : r.slice(1);
  });
  const unknown = Object.keys(rows).filter((n) => !checks.some((c) => c.name === n));
  return [...tokens, ...unknown.map((n) => `?${n}`)].join(" ");
}

/** Our verdict in the same tokens. */
export function encodeResults(results: readonly CheckResult[]): string {
  return results.map((r) => (r.badness === null ? "-" : r.badness === 0 ? "+" : ((r.exposureTenths ?? 0) / 10).toFixed(1))).join(" ");
}

export interface Recording {
  systemd: string;
  command: string;
  units: Record<string, RecordedUnit>;
}

export function systemdVersionLine(): string | undefined {
  const r = spawnSync(systemdAnalyze, ["--version"], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.split("\n")[0]?.trim() : undefined;
}

export function readRecording(file: string): Recording | undefined {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Recording;
  } catch {
    return undefined;
  }
}

export const commandLine = `systemd-analyze ${securityArgs("system").join(" ")} [--user] DIR/UNIT... (env: SYSTEMD_UNIT_PATH= COLUMNS=1000)`;

/** A key with its unit file; files of one directory and scope are scored in one run. */
export interface Job {
  key: string;
  path: string;
  scope: Scope;
}

/** Scores the jobs with the real tool, one run per directory and scope, `parallel` runs at a time. */
export async function scoreWithSystemd(jobs: Job[], parallel = 2): Promise<Record<string, RecordedUnit>> {
  const batches = new Map<string, Job[]>();
  for (const j of jobs) {
    const k = `${j.scope} ${dirname(j.path)}`;
    batches.set(k, [...(batches.get(k) ?? []), j]);
  }
  const out: Record<string, RecordedUnit> = {};
  const queue = [...batches.values()];
  const worker = async () => {
    for (let batch = queue.shift(); batch; batch = queue.shift()) {
      const scope = (batch[0] as Job).scope;
      const { verdicts, stderr } = await runSystemdSecurity(
        batch.map((j) => j.path),
        scope,
      );
      for (const j of batch) {
        const unit = scoredUnitName(j.path);
        // A unit refused in company (two services claiming one bus name) is asked about again on its own.
        const v = verdicts.get(unit) ?? (batch.length > 1 ? (await runSystemdSecurity([j.path], scope)).verdicts.get(unit) : undefined);
        out[j.key] = v
          ? { scope, unit, overall: v.overall, level: v.level, checks: encodeRows(v.rows ?? {}) }
          : {
              scope,
              unit,
              refused: (
                stderr
                  .split("\n")
                  .filter((l) => l.includes(unit))
                  .join("\n") || stderr.trim()
              ).replaceAll(`${dirname(j.path)}/`, ""),
            };
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return out;
}
