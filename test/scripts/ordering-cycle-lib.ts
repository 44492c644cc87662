/**
 * The oracle for systemd/ordering-cycle: the real `systemd-analyze verify` on
 * each case folder of test/fixtures/ordering-cycle/ (a host-like tree). The
 * case's unit directories go in front of this machine's unit path (so
 * sysinit.target, basic.target, multi-user.target are the real ones), and
 * verify starts, one run each, every unit file of the case and every target
 * whose `.wants/` directory the case fills, as `systemctl start` would.
 * verify prints "Found ordering cycle on X/start" and "Found dependency on
 * Y/start" for each cycle it meets; the units named are the cycle. Shared by
 * test/scripts/record-ordering-cycles.ts (writes verdicts.json) and
 * test/unit/ordering-cycle.test.ts (compares the recording with a live run).
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, lstatSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { systemdAnalyze } from "./verify-lib.js";

export const cycleCasesDir = "test/fixtures/ordering-cycle";
export const cycleVerdictsFile = join(cycleCasesDir, "verdicts.json");

export interface CycleVerdict {
  /** The units of the cycles verify met, each cycle sorted, the list sorted. */
  cycles: string[][];
}

const unitDirs = ["etc/systemd/system", "lib/systemd/system"];
const unitName = /\.(service|socket|timer|path|mount|automount|swap|target|slice)$/;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return lstatSync(full).isDirectory() ? walk(full) : [full];
  });
}

export function cycleCaseNames(): string[] {
  return readdirSync(cycleCasesDir)
    .filter((n) => lstatSync(join(cycleCasesDir, n)).isDirectory())
    .sort();
}

/** Every file of a case, relative to it (links included). */
export function cycleCaseFiles(caseDir: string): string[] {
  return walk(caseDir).map((f) => relative(caseDir, f));
}

/** What verify says about ordering cycles when it starts each unit of the case. */
export function verifyCycles(caseDir: string): CycleVerdict {
  const tmp = mkdtempSync(join(tmpdir(), "etcetera-cycles-"));
  try {
    cpSync(caseDir, tmp, { recursive: true, verbatimSymlinks: true });
    const dirs = unitDirs.map((d) => join(tmp, d)).filter((d) => existsSync(d));
    const args: string[] = [];
    for (const dir of dirs)
      for (const name of readdirSync(dir).sort()) {
        const full = join(dir, name);
        const wants = /^(.+\.target)\.(wants|requires)$/.exec(name);
        if (wants && lstatSync(full).isDirectory()) args.push(wants[1] as string);
        else if (unitName.test(name) && lstatSync(full).isFile() && !name.includes("@.")) args.push(full);
      }
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      LC_ALL: "C.UTF-8",
      SYSTEMD_LOG_COLOR: "0",
      SYSTEMD_LOG_LOCATION: "0",
      SYSTEMD_LOG_TARGET: "console",
      SYSTEMD_PAGER: "",
      // A trailing ':' keeps this machine's own unit directories after the case's.
      SYSTEMD_UNIT_PATH: `${dirs.join(":")}:`,
    };
    // One run per unit: jobs of one verify run stay queued, so naming two units in one run starts them together.
    const cycles = new Set<string>();
    for (const arg of new Set(args)) {
      const r = spawnSync(systemdAnalyze, ["verify", "--man=no", "--generators=no", "--no-pager", arg], {
        encoding: "utf8",
        env,
        timeout: 60_000,
      });
      if (r.error) throw r.error;
      for (const c of parseCycles(`${r.stdout}\n${r.stderr}`)) cycles.add(c.join(" "));
    }
    return { cycles: [...cycles].sort().map((c) => c.split(" ")) };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function parseCycles(output: string): string[][] {
  const cycles = new Set<string>();
  let current: Set<string> | undefined;
  const close = () => {
    if (current && current.size > 0) cycles.add([...current].sort().join(" "));
    current = undefined;
  };
  for (const line of output.split("\n")) {
    const start = /^(\S+): Found ordering cycle on (\S+)\/\w+$/.exec(line);
    if (start) {
      close();
      current = new Set([start[1] as string, start[2] as string]);
      continue;
    }
    const dep = /^\S+: Found dependency on (\S+)\/\w+$/.exec(line);
    if (dep && current) {
      current.add(dep[1] as string);
      continue;
    }
    close();
  }
  close();
  return [...cycles].sort().map((c) => c.split(" "));
}

export function recordCycleCases(): Record<string, CycleVerdict> {
  const out: Record<string, CycleVerdict> = {};
  for (const name of cycleCaseNames()) out[name] = verifyCycles(join(cycleCasesDir, name));
  return out;
}
