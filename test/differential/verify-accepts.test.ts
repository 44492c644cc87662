/**
 * Mistakes that `systemd-analyze verify` accepts, caught by us.
 *
 * test/fixtures/verify-accepts/broken/ holds realistic units with a mistake
 * verify lets through, each marked under its line (`#@ rule`); fixed/ holds
 * the same units corrected. expected.json records verify's verdict on every
 * one of them (test/scripts/record-verify-accepts.ts): none may have a
 * finding about the file. Then:
 *   - every broken unit gets exactly the diagnostics its marks state (at
 *     least one), on the marked line;
 *   - every fixed unit gets no diagnostic at all.
 * When systemd-analyze is installed, the recording is compared with a live
 * run, so a fixture verify would reject cannot slip in.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { readExpectations } from "../helpers/expectations.js";
import { assertDiagnosticsMatch } from "../helpers/fixtures.js";
import { lintText } from "../helpers/lint.js";
import {
  type AcceptsRecording,
  acceptsDir,
  acceptsExpected,
  comparable,
  fileFindings,
  recordAccepts,
} from "../scripts/record-verify-accepts.js";
import { fixtureUnits, systemdAnalyze } from "../scripts/verify-lib.js";

const recording = JSON.parse(readFileSync(acceptsExpected, "utf8")) as AcceptsRecording;
const broken = fixtureUnits(join(acceptsDir, "broken"));
const fixed = fixtureUnits(join(acceptsDir, "fixed"));
const lint = (set: string, unit: string) => lintText(`/etc/systemd/system/${unit}`, readFileSync(join(acceptsDir, set, unit), "utf8"));

describe("mistakes systemd-analyze verify accepts", () => {
  it("has at least 60 broken units, each with its corrected version", () => {
    assert.ok(broken.length >= 60, `only ${broken.length} broken units`);
    assert.deepEqual(fixed, broken);
  });

  it("recorded: verify reports nothing about any of them", () => {
    assert.deepEqual(Object.keys(recording.units.broken).sort(), broken);
    assert.deepEqual(Object.keys(recording.units.fixed).sort(), fixed);
    assert.deepEqual(fileFindings(recording), []);
  });

  it("live: verify still says what the recording says", {
    skip: existsSync(systemdAnalyze) ? false : `${systemdAnalyze} is not installed`,
  }, () => {
    assert.deepEqual(comparable(recordAccepts()), comparable(recording));
  });

  describe("broken: caught on the marked line", () => {
    for (const unit of broken)
      it(unit, () => {
        const expected = readExpectations(readFileSync(join(acceptsDir, "broken", unit), "utf8"));
        assert.ok(expected.length > 0, `${unit} marks no mistake`);
        assertDiagnosticsMatch(lint("broken", unit), expected);
      });
  });

  describe("fixed: clean", () => {
    for (const unit of fixed)
      it(unit, () => {
        const found = lint("fixed", unit).map((d) => `${d.range.start.line + 1}: ${d.rule}: ${d.message}`);
        assert.deepEqual(found, []);
      });
  });
});
