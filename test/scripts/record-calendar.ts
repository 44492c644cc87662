/**
 * Records what the real `systemd-analyze calendar` prints for the calendar
 * corpus (test/calendar/edge-cases.ts plus the generated expressions) in
 * every context of test/calendar/differential-lib.ts, into
 * test/fixtures/calendar/systemd-252.json.
 *
 *   node --import tsx test/scripts/record-calendar.ts [--check]
 *
 * --check: do not write; exit 1 when a live run differs from the recording.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import {
  type BatchResult,
  type ContextRecording,
  cliCases,
  cliRecordingFile,
  contextExpressions,
  contexts,
  corpus,
  fixtureDir,
  ITERATIONS,
  type Recording,
  recordingFile,
  runSystemd,
  runSystemdCli,
  serializeRecording,
  splitBatch,
  systemdAnalyze,
  systemdVersion,
  withoutFromNow,
} from "../calendar/differential-lib.js";

const version = systemdVersion();
if (!version) {
  console.error(`${systemdAnalyze} is not available`);
  process.exit(1);
}
const expressions = corpus();
const recorded: ContextRecording[] = contexts.map((context) => {
  const own = contextExpressions(context, expressions);
  const batch = runSystemd(context, own);
  return {
    name: context.name,
    tz: context.tz,
    baseTime: context.baseTime,
    exitCode: batch.exitCode,
    outputs: splitBatch(own, batch.stdout, batch.stderr),
  };
});
const recording: Recording = {
  systemd: version,
  command: `TZ=<tz> systemd-analyze calendar --iterations=${ITERATIONS} --base-time=<base> -- EXPR...`,
  iterations: ITERATIONS,
  expressions,
  contexts: recorded,
};

const cli = cliCases.map((c): BatchResult => {
  const r = runSystemdCli(c);
  return { ...r, stdout: withoutFromNow(r.stdout) };
});
const cliText = `${JSON.stringify({ systemd: version, cases: cli }, null, 1)}\n`;

if (process.argv.includes("--check")) {
  if (readFileSync(cliRecordingFile, "utf8") !== cliText) {
    console.error(`${cliRecordingFile} is stale: re-run without --check`);
    process.exit(1);
  }
  const old = JSON.parse(readFileSync(recordingFile, "utf8")) as Recording;
  const same =
    JSON.stringify(old.expressions) === JSON.stringify(recording.expressions) &&
    JSON.stringify(old.contexts) === JSON.stringify(recording.contexts);
  if (!same) {
    console.error(`${recordingFile} is stale: re-run without --check`);
    process.exit(1);
  }
  console.log(`${recordingFile} matches ${version}`);
} else {
  mkdirSync(fixtureDir, { recursive: true });
  writeFileSync(recordingFile, serializeRecording(recording));
  writeFileSync(cliRecordingFile, cliText);
  const counts = recorded.map((c) => `${c.name} ${c.outputs.length}`).join(", ");
  console.log(`${recordingFile}: ${expressions.length} expressions (${counts}), ${version}`);
  console.log(`${cliRecordingFile}: ${cli.length} command lines`);
}
