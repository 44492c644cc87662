/**
 * The oracle for the unit-set model: the real `systemd-analyze verify` run on
 * each case folder of test/fixtures/unit-set/ (a host-like tree, checked with
 * --root, or a flat folder, checked as the only unit directory), with debug
 * logging so that it prints the unit as loaded: its fragment path and its
 * drop-in paths in the order systemd applies them. Shared by
 * test/scripts/record-unit-set.ts (writes verdicts.json) and
 * test/unit/unit-set.test.ts (compares the recording with a live run).
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { isEnvironmentMessage, isRefusal, systemdAnalyze } from "./verify-lib.js";

export const unitSetDir = "test/fixtures/unit-set";
export const verdictsFile = join(unitSetDir, "verdicts.json");

export interface LoadVerdict {
  /** The unit's own name, when systemd loaded it (an alias loads the unit it points to). */
  id?: string;
  /** Relative to the case folder; null when systemd found no unit file (or the unit is masked). */
  fragment: string | null;
  dropIns: string[];
  /** Whether systemd refuses the unit (or says it has a bad setting). */
  refused: boolean;
  /** What systemd said about the unit itself, environment noise left out. */
  messages: string[];
}

export type Verdicts = Record<string, Record<string, LoadVerdict>>;

const unitName = /\.(service|socket|timer|path|mount|automount|swap|target|slice)$/;

export function isHostLayout(caseDir: string): boolean {
  return ["etc", "lib", "usr", "run"].some((d) => existsSync(join(caseDir, d)));
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return lstatSync(full).isDirectory() ? walk(full) : [full];
  });
}

/** The units a case asks about: every unit file directly in a unit directory, and the names in units.txt (instances). */
export function caseUnits(caseDir: string): string[] {
  const names = new Set<string>();
  for (const file of walk(caseDir)) {
    const name = file.split("/").pop() as string;
    const parent = file.split("/").slice(-2, -1)[0] as string;
    if (unitName.test(name) && !parent.endsWith(".d") && !/\.(wants|requires)$/.test(parent)) names.add(name);
  }
  const extra = join(caseDir, "units.txt");
  if (existsSync(extra))
    for (const line of readFileSync(extra, "utf8").split("\n")) if (line.trim() && !line.startsWith("#")) names.add(line.trim());
  return [...names].sort();
}

export function caseFiles(caseDir: string): string[] {
  return walk(caseDir).map((f) => relative(caseDir, f));
}

/** Runs verify on one unit of a case and reads back what systemd loaded. */
export function systemdLoad(caseDir: string, unit: string): LoadVerdict {
  const tmp = mkdtempSync(join(tmpdir(), "etcetera-unitset-"));
  try {
    cpSync(caseDir, tmp, { recursive: true, verbatimSymlinks: true });
    const host = isHostLayout(caseDir);
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      LC_ALL: "C.UTF-8",
      SYSTEMD_LOG_LEVEL: "debug",
      SYSTEMD_LOG_COLOR: "0",
      SYSTEMD_LOG_LOCATION: "0",
      SYSTEMD_LOG_TARGET: "console",
      SYSTEMD_PAGER: "",
      ...(host ? {} : { SYSTEMD_UNIT_PATH: tmp }),
    };
    const args = ["verify", "--man=no", "--generators=no", "--no-pager", ...(host ? [`--root=${tmp}`, unit] : [join(tmp, unit)])];
    const r = spawnSync(systemdAnalyze, args, { encoding: "utf8", env, timeout: 60_000 });
    if (r.error) throw r.error;
    return parseLoad(`${r.stdout}\n${r.stderr}`, tmp, unit);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function parseLoad(output: string, tmp: string, unit: string): LoadVerdict {
  const verdict: LoadVerdict = { fragment: null, dropIns: [], refused: false, messages: [] };
  const rel = (p: string) => relative(tmp, p.trim());
  let inDump = false;
  let dumped = false;
  for (const raw of output.split("\n")) {
    const line = raw.trimEnd();
    const header = /^\s*-> Unit (\S+):$/.exec(line);
    if (header) {
      // The first dump is the unit asked for, under its own name or (for an alias) the name of the unit it stands for.
      inDump = !dumped;
      dumped = true;
      if (inDump) verdict.id = header[1] as string;
      continue;
    }
    if (inDump) {
      const fragment = /^\s+Fragment Path: (.*)$/.exec(line);
      if (fragment) verdict.fragment = rel(fragment[1] as string);
      const dropIn = /^\s+DropIn Path: (.*)$/.exec(line);
      if (dropIn) verdict.dropIns.push(rel(dropIn[1] as string));
      continue;
    }
    // Lines about this unit or one of the case's files, without debug chatter.
    const about = line.startsWith(`${unit}: `) || line.startsWith(`${tmp}/`);
    if (!about || isEnvironmentMessage(line)) continue;
    const message = line.split(tmp).join("");
    if (
      /^\S+: (Loaded|Changed|Installed|Trying|Following|Failed to load configuration|Unit has|Reload|Ignoring|Merging|Found|About|Dropping|Looking)/.test(
        message,
      )
    )
      continue;
    if (isRefusal(message) || /Refusing|bad unit file setting/.test(message)) verdict.refused = true;
    if (/Unknown key|Invalid|Failed to parse|Refusing|bad unit file/.test(message)) verdict.messages.push(message);
  }
  return verdict;
}

export function recordCase(caseDir: string): Record<string, LoadVerdict> {
  const out: Record<string, LoadVerdict> = {};
  for (const unit of caseUnits(caseDir)) out[unit] = systemdLoad(caseDir, unit);
  return out;
}

export function caseNames(): string[] {
  return readdirSync(unitSetDir)
    .filter((n) => lstatSync(join(unitSetDir, n)).isDirectory())
    .sort();
}
