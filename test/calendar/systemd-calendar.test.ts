/**
 * Differential test against `systemd-analyze calendar` of systemd 252.
 *
 * The corpus (test/calendar/edge-cases.ts and 2,000 expressions from
 * test/calendar/generator.ts) was run through the real tool in several
 * contexts (time zone + base time, see differential-lib.ts) and recorded in
 * test/fixtures/calendar/systemd-252.json by test/scripts/record-calendar.ts.
 * For every expression our engine must give the same verdict, the same
 * normalized form, the same next five elapses (local and UTC), the same
 * error and hint lines; the whole batch the same exit status. When systemd
 * 252 is installed, the same comparison also runs live. Only the "From now:"
 * lines are left out: they depend on the clock.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, describe, it } from "node:test";
import {
  type Context,
  contextExpressions,
  contexts,
  type ExpressionOutput,
  type Recording,
  recordingFile,
  runOurs,
  runSystemd,
  splitBatch,
  systemdVersion,
} from "./differential-lib.js";

const recording = JSON.parse(readFileSync(recordingFile, "utf8")) as Recording;
const version = systemdVersion();
const live = version?.startsWith("systemd 252 ") ?? false;

interface Tally {
  expressions: number;
  verdicts: number;
  valid: number;
  normalized: number;
  elapses: number;
  errors: number;
}
const tallies: [string, Tally][] = [];

const isParseFailure = (o: ExpressionOutput) => o.err.some((l) => l.startsWith("Failed to parse calendar specification"));
const normalizedLine = (o: ExpressionOutput) => o.out.find((l) => l.startsWith("Normalized form: "));
const elapseLines = (o: ExpressionOutput) => o.out.filter((l) => !/^ *(Original|Normalized) form: /.test(l));

/** Compares expression by expression; returns the differences, and tallies the agreement. */
function compare(label: string, expressions: string[], theirs: ExpressionOutput[], ours: ExpressionOutput[]): string[] {
  const tally: Tally = { expressions: expressions.length, verdicts: 0, valid: 0, normalized: 0, elapses: 0, errors: 0 };
  const differences: string[] = [];
  expressions.forEach((expression, i) => {
    const t = theirs[i] as ExpressionOutput;
    const o = ours[i] as ExpressionOutput;
    const verdict = isParseFailure(t) === isParseFailure(o);
    if (verdict) tally.verdicts++;
    if (!isParseFailure(t)) {
      tally.valid++;
      if (normalizedLine(t) === normalizedLine(o)) tally.normalized++;
      if (JSON.stringify(elapseLines(t)) === JSON.stringify(elapseLines(o))) tally.elapses++;
    }
    if (JSON.stringify(t.err) === JSON.stringify(o.err)) tally.errors++;
    if (JSON.stringify(t) !== JSON.stringify(o)) {
      differences.push(`${JSON.stringify(expression)}\n    systemd: ${JSON.stringify(t)}\n    ours:    ${JSON.stringify(o)}`);
    }
  });
  tallies.push([label, tally]);
  return differences;
}

function ourOutputs(context: Context, expressions: string[]): { outputs: ExpressionOutput[]; exitCode: number } {
  const run = runOurs(context, expressions);
  return { outputs: splitBatch(expressions, run.stdout, run.stderr), exitCode: run.exitCode };
}

describe("systemd-analyze calendar (systemd 252), differential", () => {
  it("the recording covers at least 2,000 expressions", () => {
    assert.ok(recording.expressions.length >= 2000, `only ${recording.expressions.length} expressions recorded`);
  });

  for (const context of contexts) {
    it(`${context.name} (TZ=${context.tz}, base ${context.baseTime}): same as the recording`, () => {
      const recorded = recording.contexts.find((c) => c.name === context.name);
      assert.ok(recorded, `no recording for ${context.name}; run: node --import tsx test/scripts/record-calendar.ts`);
      const expressions = contextExpressions(context, recording.expressions);
      assert.equal(recorded.outputs.length, expressions.length, "recording and corpus disagree; re-record");
      const ours = ourOutputs(context, expressions);
      const differences = compare(`${context.name} (recorded)`, expressions, recorded.outputs, ours.outputs);
      assert.deepEqual(differences.slice(0, 10), [], `${differences.length} expressions differ`);
      assert.equal(ours.exitCode, recorded.exitCode, "exit status");
    });
  }

  for (const context of contexts) {
    it(`${context.name}: same as the installed systemd-analyze, live`, {
      skip: live ? false : `systemd 252 is not installed (${version ?? "no systemd-analyze"})`,
    }, () => {
      const expressions = contextExpressions(context, recording.expressions);
      const batch = runSystemd(context, expressions);
      const theirs = splitBatch(expressions, batch.stdout, batch.stderr);
      const ours = ourOutputs(context, expressions);
      const differences = compare(`${context.name} (live)`, expressions, theirs, ours.outputs);
      assert.deepEqual(differences.slice(0, 10), [], `${differences.length} expressions differ`);
      assert.equal(ours.exitCode, batch.exitCode, "exit status");
    });
  }

  after(() => {
    const lines = tallies.map(
      ([label, t]) =>
        `  ${label.padEnd(26)} ${t.verdicts}/${t.expressions} verdicts, ${t.normalized}/${t.valid} normalized forms, ` +
        `${t.elapses}/${t.valid} next-${recording.iterations} elapses, ${t.errors}/${t.expressions} error and hint lines`,
    );
    console.log(`calendar agreement with systemd-analyze (${recording.systemd}):\n${lines.join("\n")}`);
  });
});
