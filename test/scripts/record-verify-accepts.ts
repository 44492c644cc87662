/**
 * Records what the real `systemd-analyze verify` says about the units of
 * test/fixtures/verify-accepts/ (broken/ and fixed/) into expected.json
 * there. Every one of them must be accepted: the broken units hold mistakes
 * verify does not see, the fixed ones are their corrections.
 *
 *   node --import tsx test/scripts/record-verify-accepts.ts [--check]
 *
 * --check: do not write; exit 1 when a live run differs from the recording.
 * Exits 1 as well when verify reports anything about a unit (other than
 * what depends on this machine, such as missing programs).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { commandLine, fixtureUnits, systemdAnalyze, systemdVersion, type UnitVerdict, verifyUnit } from "./verify-lib.js";

export const acceptsDir = "test/fixtures/verify-accepts";
export const acceptsExpected = join(acceptsDir, "expected.json");
export const acceptsSets = ["broken", "fixed"] as const;

export interface AcceptsRecording {
  systemd: { version: number; full: string };
  command: string;
  /** Per set, per unit: what verify said about the file (environment messages kept apart, never compared). */
  units: Record<(typeof acceptsSets)[number], Record<string, UnitVerdict>>;
}

export function recordAccepts(): AcceptsRecording {
  const version = systemdVersion();
  if (!version) throw new Error(`${systemdAnalyze} is not available`);
  const units = { broken: {}, fixed: {} } as AcceptsRecording["units"];
  for (const set of acceptsSets) {
    const dir = join(acceptsDir, set);
    for (const unit of fixtureUnits(dir)) units[set][unit] = verifyUnit(unit, dir);
  }
  return { systemd: version, command: commandLine, units };
}

/** The findings of a verdict that are about the file, as "set/unit:line: message". */
export function fileFindings(recording: AcceptsRecording): string[] {
  const out: string[] = [];
  for (const set of acceptsSets)
    for (const verdict of Object.values(recording.units[set]))
      for (const [file, findings] of Object.entries(verdict.files))
        for (const f of findings) out.push(`${set}/${file}:${f.line ?? "-"}: ${f.message}`);
  return out;
}

/** The recording without the machine-dependent part, for comparing two runs. */
export function comparable(recording: AcceptsRecording): unknown {
  const strip = (units: Record<string, UnitVerdict>) => Object.fromEntries(Object.entries(units).map(([u, v]) => [u, v.files]));
  return { broken: strip(recording.units.broken), fixed: strip(recording.units.fixed) };
}

if (process.argv[1]?.endsWith("record-verify-accepts.ts")) {
  const live = recordAccepts();
  const findings = fileFindings(live);
  if (findings.length > 0) {
    console.error(`verify reports these, but every unit of ${acceptsDir} must be accepted:\n  ${findings.join("\n  ")}`);
    process.exit(1);
  }
  if (process.argv.includes("--check")) {
    const recorded = JSON.parse(readFileSync(acceptsExpected, "utf8")) as AcceptsRecording;
    const same = JSON.stringify(comparable(recorded)) === JSON.stringify(comparable(live));
    console.log(same ? "recording matches a live run" : "recording differs from a live run; re-record");
    process.exit(same ? 0 : 1);
  }
  writeFileSync(acceptsExpected, `${JSON.stringify(live, null, 2)}\n`);
  const n = Object.keys(live.units.broken).length + Object.keys(live.units.fixed).length;
  console.log(`recorded ${n} units (${live.systemd.full}) into ${acceptsExpected}`);
}
