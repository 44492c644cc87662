/**
 * Records what the real `systemd-analyze verify` says about every unit file in
 * test/fixtures/verify-differential/ into expected.json there.
 *
 *   node --import tsx test/scripts/record-verify.ts [--check]
 *
 * --check: do not write; exit 1 when a live run differs from the recording.
 * Exits 1 as well when a fixture has no finding at all (every fixture must
 * hold a mistake systemd reports).
 */
import { readFileSync, writeFileSync } from "node:fs";
import {
  commandLine,
  expectedFile,
  fixtureUnits,
  type Recording,
  systemdAnalyze,
  systemdVersion,
  type UnitVerdict,
  verifyUnit,
} from "./verify-lib.js";

function record(): Recording {
  const version = systemdVersion();
  if (!version) throw new Error(`${systemdAnalyze} is not available`);
  const units: Record<string, UnitVerdict> = {};
  for (const unit of fixtureUnits()) units[unit] = verifyUnit(unit);
  return { systemd: version, command: commandLine, units };
}

const recording = record();
let failed = false;
let findings = 0;
for (const [unit, verdict] of Object.entries(recording.units)) {
  const n = Object.values(verdict.files).reduce((sum, f) => sum + f.length, 0);
  findings += n;
  if (n === 0) {
    console.error(`${unit}: systemd reports nothing; every fixture must hold a mistake systemd reports`);
    failed = true;
  }
}

if (process.argv.includes("--check")) {
  const old = JSON.parse(readFileSync(expectedFile, "utf8")) as Recording;
  const findingsOf = (r: Recording) => Object.entries(r.units).map(([unit, v]) => [unit, v.files]);
  if (JSON.stringify(findingsOf(old)) !== JSON.stringify(findingsOf(recording))) {
    console.error(`${expectedFile} is stale: re-run without --check`);
    failed = true;
  }
} else {
  writeFileSync(expectedFile, `${JSON.stringify(recording, null, 2)}\n`);
  console.log(`${expectedFile}: ${Object.keys(recording.units).length} units, ${findings} findings, ${recording.systemd.full}`);
}
process.exit(failed ? 1 : 0);
