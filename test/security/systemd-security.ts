/**
 * Runs the real `systemd-analyze security --offline=yes` on a batch of unit
 * files of one directory and reads its text output: per scored unit the
 * overall exposure and, per check (by systemd's row name), the mark (✓, ✗ or
 * blank for "does not apply") and the exposure shown. Units systemd refuses
 * have no table; what it said about them is kept instead.
 */
import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Scope } from "../../server/src/languages/systemd/security/types.js";

export const systemdAnalyze = process.env.SYSTEMD_ANALYZE ?? "/usr/bin/systemd-analyze";

export interface SystemdVerdict {
  /** "9.6", or absent when systemd refused the unit. */
  overall?: string;
  level?: string;
  /** Row name → mark and exposure: "✗0.4", "✓", " " (does not apply). */
  rows?: Record<string, string>;
  /** What systemd printed about a unit it did not score. */
  refused?: string;
}

let runtimeDir: string | undefined;

/** One runtime directory per process, removed when the process exits. */
function runtime(): string {
  if (!runtimeDir) {
    const dir = mkdtempSync(join(tmpdir(), "etcetera-xdg-"));
    chmodSync(dir, 0o700);
    process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
    runtimeDir = dir;
  }
  return runtimeDir;
}

function env(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME ?? "/root",
    LC_ALL: "C.UTF-8",
    COLUMNS: "1000",
    SYSTEMD_COLORS: "0",
    SYSTEMD_PAGER: "",
    SYSTEMD_LOG_LEVEL: "notice",
    SYSTEMD_LOG_COLOR: "0",
    SYSTEMD_LOG_LOCATION: "0",
    // Only the directories of the units given: nothing installed on this machine may leak in.
    SYSTEMD_UNIT_PATH: "",
    // The user manager needs a runtime directory even offline.
    XDG_RUNTIME_DIR: runtime(),
  };
}

export const securityArgs = (scope: Scope) => ["security", "--offline=yes", "--no-pager", ...(scope === "user" ? ["--user"] : [])];

/** Scores the unit files (all in one directory) and returns verdicts by the unit name systemd used. */
export function runSystemdSecurity(paths: string[], scope: Scope): Promise<{ verdicts: Map<string, SystemdVerdict>; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(systemdAnalyze, [...securityArgs(scope), ...paths], { env: env() });
    let out = "";
    let err = "";
    // Decode as a stream: a chunk boundary may split a multi-byte character (✓).
    child.stdout.setEncoding("utf8");
    child.stderr.setEncoding("utf8");
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.stderr.on("data", (d) => {
      err += d;
    });
    child.on("error", reject);
    child.on("close", () => resolve({ verdicts: parseSecurityOutput(out), stderr: err }));
  });
}

const rowPattern = /^(✓|✗| ) {1,2}(\S+)\s+(.*?)\s*(\d+\.\d)?$/u;
const overallPattern = /^→ Overall exposure level for (\S+): (\d+\.\d) (\S+)/u;

export function parseSecurityOutput(text: string): Map<string, SystemdVerdict> {
  const verdicts = new Map<string, SystemdVerdict>();
  let rows: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const overall = overallPattern.exec(line);
    if (overall) {
      verdicts.set(overall[1] as string, { overall: overall[2], level: overall[3], rows });
      rows = {};
      continue;
    }
    const row = rowPattern.exec(line);
    if (row && row[2] !== "NAME") rows[row[2] as string] = `${row[1]}${row[4] ?? ""}`;
  }
  return verdicts;
}
