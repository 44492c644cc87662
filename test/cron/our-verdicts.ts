import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Diagnostic } from "../../server/src/core/diagnostic.js";
import { lintText } from "../helpers/lint.js";
import type { CronVerdict } from "./cron-tools.js";

export const brokenDir = "test/fixtures/cron-differential";
export const verdictsFile = join(brokenDir, "verdicts.json");

export interface Recording {
  cron: string;
  user: Record<string, CronVerdict>;
  system: Record<string, CronVerdict>;
  corpus: Record<string, { sha1: string; verdict: CronVerdict }>;
  /** test/fixtures/cron-mistakes: every mistake and its fix, as cron judges them. */
  mistakes: Record<string, CronVerdict>;
  /** The environment Debian's daemon gave the probe jobs of env-probe.ts. */
  envProbe: { probe: Record<string, string>; defaults: Record<string, string> };
}

/** The broken files: user crontabs (checked with crontab -n) and system crontabs (checked by the daemon). */
export function brokenFiles(kind: "user" | "system"): Record<string, string> {
  const dir = join(brokenDir, kind);
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((name) => [name, readFileSync(join(dir, name), "utf8")]),
  );
}

/** Our verdict: the file is rejected when we report an error; the line is the first error's. */
export function ourVerdict(kind: "user" | "system", name: string, text: string): { verdict: CronVerdict; diagnostics: Diagnostic[] } {
  const path = kind === "system" ? `/etc/cron.d/${name}` : `/home/user/${name}`;
  const diagnostics = lintText(path, text, undefined, "cron");
  const errors = diagnostics.filter((d) => d.severity === "error");
  if (errors.length === 0) return { verdict: { accepted: true }, diagnostics };
  const line = Math.min(...errors.map((d) => d.range.start.line)) + 1;
  return { verdict: { accepted: false, line, message: errors.find((d) => d.range.start.line + 1 === line)?.rule }, diagnostics };
}
