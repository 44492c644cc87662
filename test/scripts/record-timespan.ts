/**
 * Records what the real `systemd-analyze timespan` prints for each input of
 * test/cli/timespan-lib.ts into test/fixtures/timespan/systemd-analyze.json,
 * so that the differential test can run where systemd is absent.
 *
 *   node --import tsx test/scripts/record-timespan.ts [--check]
 *
 * --check: do not write; exit 1 when a live run differs from the recording.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import {
  mapLimit,
  type Recording,
  recordingFile,
  runSystemd,
  systemdAnalyze,
  systemdVersion,
  timespanInputs,
} from "../cli/timespan-lib.js";

const version = systemdVersion();
if (!version) {
  console.error(`${systemdAnalyze} is not available`);
  process.exit(1);
}
const inputs = timespanInputs();
const verdicts = await mapLimit(inputs, 8, runSystemd);
const recording: Recording = {
  systemd: version,
  command: "LC_ALL=C.UTF-8 systemd-analyze timespan -- SPAN",
  cases: inputs.map((input, i) => ({ input, ...(verdicts[i] as (typeof verdicts)[number]) })),
};
// One case per line: diffs of a re-recording stay readable.
const text = `{"systemd":${JSON.stringify(recording.systemd)},"command":${JSON.stringify(recording.command)},"cases":[\n${recording.cases
  .map((c) => JSON.stringify(c))
  .join(",\n")}\n]}\n`;

if (process.argv.includes("--check")) {
  const old = JSON.parse(readFileSync(recordingFile, "utf8")) as Recording;
  if (JSON.stringify(old.cases) !== JSON.stringify(recording.cases)) {
    console.error(`${recordingFile} is stale for ${version}: re-run without --check`);
    process.exit(1);
  }
  console.log(`${recordingFile} matches ${version}`);
} else {
  mkdirSync(dirname(recordingFile), { recursive: true });
  writeFileSync(recordingFile, text);
  const failed = recording.cases.filter((c) => c.exitCode !== 0).length;
  console.log(`${recordingFile}: ${inputs.length} inputs (${inputs.length - failed} accepted, ${failed} refused), ${version}`);
}
