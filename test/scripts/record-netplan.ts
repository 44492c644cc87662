/**
 * Records what the real `netplan generate` says about every case of
 * test/fixtures/netplan-differential/ into expected.json there.
 *
 *   node --import tsx test/scripts/record-netplan.ts [--check]
 *
 * --check: do not write; exit 1 when a live run differs from the recording.
 * Every case in broken/ must be rejected by netplan (exit 1 otherwise).
 */
import { readFileSync, writeFileSync } from "node:fs";
import {
  type CaseVerdict,
  commandLine,
  expectedFile,
  fixtureCases,
  generateCase,
  netplanBinary,
  netplanVersion,
  type Recording,
} from "./netplan-lib.js";

const version = netplanVersion();
if (!version) throw new Error(`${netplanBinary} (Debian package netplan.io) is not installed`);
const cases: Record<string, CaseVerdict> = {};
for (const name of fixtureCases()) cases[name] = generateCase(name);
const recording: Recording = { netplan: version, command: commandLine, cases };

let failed = false;
for (const [name, v] of Object.entries(cases))
  if (name.startsWith("broken/") && v.ok) {
    console.error(`${name}: netplan accepts it; every file in broken/ must hold a mistake netplan rejects`);
    failed = true;
  }
const rejected = Object.values(cases).filter((v) => !v.ok).length;
if (process.argv.includes("--check")) {
  const old = JSON.parse(readFileSync(expectedFile, "utf8")) as Recording;
  if (JSON.stringify(old.cases) !== JSON.stringify(recording.cases)) {
    console.error(`${expectedFile} is stale: re-run without --check`);
    failed = true;
  }
} else {
  writeFileSync(expectedFile, `${JSON.stringify(recording, null, 1)}\n`);
  console.log(`${expectedFile}: ${Object.keys(cases).length} cases, ${rejected} rejected, netplan.io ${version}`);
}
process.exit(failed ? 1 : 0);
