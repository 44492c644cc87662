/**
 * Runs the real `systemd-analyze verify` on the unit files of
 * test/fixtures/verify-differential/ and turns its output into findings:
 * {line, message} per file, line null for what systemd says about the unit as
 * a whole ("... Refusing.", "Unit ... has a bad unit file setting."). Shared by
 * test/scripts/record-verify.ts (which writes expected.json) and the
 * differential test (which compares the recording with a live run).
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const fixtureDir = "test/fixtures/verify-differential";
export const expectedFile = join(fixtureDir, "expected.json");
export const systemdAnalyze = process.env.SYSTEMD_ANALYZE ?? "/usr/bin/systemd-analyze";

const unitSuffixes = [".service", ".socket", ".timer", ".path", ".mount", ".automount", ".swap", ".slice", ".target"];

export interface Finding {
  /** 1-based line in `file`, or null for a message about the unit as a whole. */
  line: number | null;
  message: string;
}

export interface UnitVerdict {
  /** Findings per file, relative to the fixture folder: the unit file and each of its drop-ins. */
  files: Record<string, Finding[]>;
  /**
   * What systemd said that depends on this machine, not on the file (missing binaries, missing units),
   * sorted; kept for review only and never compared (which missing unit systemd names first varies).
   */
  environment: string[];
}

export interface Recording {
  systemd: { version: number; full: string };
  command: string;
  units: Record<string, UnitVerdict>;
}

/**
 * Messages that describe the machine rather than the unit file: binaries or
 * units that do not exist here, user and group lookups. They are left out of
 * the findings because they differ between machines.
 */
const environmentPatterns: RegExp[] = [
  /\bis not executable\b/,
  /\bUnit \S+ not found\b/,
  /\bFailed to (resolve|look up) (user|group)\b/i,
  /\bNo such (user|group)\b/i,
  /\bnot loaded, socket cannot be started\b/,
  /\bman page\b|\bmanpage\b|\bman:\S+ not found\b/i,
];

export function isEnvironmentMessage(message: string): boolean {
  return environmentPatterns.some((p) => p.test(message));
}

/** Unit-level messages that mean systemd will not load or start the unit. */
export function isRefusal(message: string): boolean {
  return /Refusing|fatal error|bad unit file setting|failed to load properly|will not be started/.test(message);
}

/** The unit files of the fixture folder (not drop-ins), sorted. */
export function fixtureUnits(dir = fixtureDir): string[] {
  return readdirSync(dir)
    .filter((name) => unitSuffixes.some((s) => name.endsWith(s)) && statSync(join(dir, name)).isFile())
    .sort();
}

/** The drop-in files of a unit, relative to the fixture folder (`web.service.d/override.conf`). */
export function dropInsOf(unit: string, dir = fixtureDir): string[] {
  const d = join(dir, `${unit}.d`);
  if (!existsSync(d) || !statSync(d).isDirectory()) return [];
  return readdirSync(d)
    .filter((name) => name.endsWith(".conf"))
    .sort()
    .map((name) => `${unit}.d/${name}`);
}

export function systemdVersion(): { version: number; full: string } | undefined {
  const r = spawnSync(systemdAnalyze, ["--version"], { encoding: "utf8" });
  if (r.error || r.status !== 0) return undefined;
  const first = r.stdout.split("\n")[0] ?? "";
  const m = /^systemd (\d+)/.exec(first);
  return m ? { version: Number(m[1]), full: first.trim() } : undefined;
}

export const verifyArgs = ["verify", "--man=no", "--generators=no", "--recursive-errors=yes", "--no-pager"];

/** A quiet, colourless, deterministic log format whatever the caller's environment says. */
export function verifyEnv(unitDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const k of ["PATH", "HOME", "TMPDIR"]) if (process.env[k] !== undefined) env[k] = process.env[k];
  return {
    ...env,
    LC_ALL: "C.UTF-8",
    SYSTEMD_LOG_LEVEL: "info",
    SYSTEMD_LOG_TARGET: "console",
    SYSTEMD_LOG_COLOR: "0",
    SYSTEMD_LOG_LOCATION: "0",
    SYSTEMD_LOG_TIME: "0",
    SYSTEMD_LOG_TID: "0",
    SYSTEMD_PAGER: "",
    SYSTEMD_COLORS: "0",
    // Only the fixture's own directory: units and drop-ins installed on this machine must not leak in.
    SYSTEMD_UNIT_PATH: unitDir,
  };
}

export const commandLine = `${verifyArgs.join(" ")} DIR/UNIT  (env: SYSTEMD_LOG_LEVEL=info SYSTEMD_LOG_COLOR=0 SYSTEMD_LOG_LOCATION=0)`;

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Copies one unit (and its drop-in folder) into a fresh temporary directory
 * under its own name, verifies it by path and sorts systemd's output by file.
 */
export function verifyUnit(unit: string, dir = fixtureDir): UnitVerdict {
  const tmp = mkdtempSync(join(tmpdir(), "etcetera-verify-"));
  try {
    cpSync(join(dir, unit), join(tmp, unit));
    const dropInDir = join(dir, `${unit}.d`);
    if (existsSync(dropInDir)) cpSync(dropInDir, join(tmp, `${unit}.d`), { recursive: true });
    const r = spawnSync(systemdAnalyze, [...verifyArgs, join(tmp, unit)], { encoding: "utf8", env: verifyEnv(tmp), timeout: 60_000 });
    if (r.error) throw r.error;
    return parseVerifyOutput(`${r.stdout}\n${r.stderr}`, tmp, unit, dropInsOf(unit, dir));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Which file a line of systemd's output is about, or undefined when it is about another unit. */
function attribute(
  text: string,
  patterns: { line: RegExp; file: RegExp; unit: RegExp },
  unit: string,
): { file: string; finding: Finding } | undefined {
  const byLine = patterns.line.exec(text);
  if (byLine) return { file: byLine[1] as string, finding: { line: Number(byLine[2]), message: byLine[3] as string } };
  const byFile = patterns.file.exec(text);
  if (byFile) return { file: byFile[1] as string, finding: { line: null, message: byFile[2] as string } };
  const byUnit = patterns.unit.exec(text);
  if (byUnit) return { file: unit, finding: { line: null, message: (byUnit[1] ?? byUnit[2]) as string } };
  // About another unit (a dependency), or a path outside the fixture: not ours.
  if (/^\S+\.(service|socket|timer|path|mount|automount|swap|slice|target|device|scope): /.test(text) || text.startsWith("/"))
    return undefined;
  // Unattributed ("Accepting user/group name ..."): only our unit is verified, so it is about our unit.
  return { file: unit, finding: { line: null, message: text } };
}

export function parseVerifyOutput(output: string, tmp: string, unit: string, dropIns: string[]): UnitVerdict {
  const files: Record<string, Finding[]> = { [unit]: [] };
  for (const d of dropIns) files[d] = [];
  const environment: string[] = [];
  const prefix = escapeRegExp(`${tmp}/`);
  const patterns = {
    line: new RegExp(`^${prefix}([^:]+):(\\d+): (.*)$`),
    file: new RegExp(`^${prefix}([^:]+): (.*)$`),
    unit: new RegExp(`^(?:${escapeRegExp(unit)}: (.*)|(Unit ${escapeRegExp(unit)} .*))$`),
  };
  const clean = (m: string) => m.split(tmp).join("DIR");
  for (const raw of output.split("\n")) {
    const text = raw.trimEnd();
    if (text === "") continue;
    const found = attribute(text, patterns, unit);
    const list = found ? files[found.file] : undefined;
    if (!found || !list || isEnvironmentMessage(found.finding.message)) {
      environment.push(clean(text));
      continue;
    }
    list.push({ line: found.finding.line, message: clean(found.finding.message) });
  }
  return { files, environment: environment.sort() };
}
