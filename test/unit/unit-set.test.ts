/**
 * The unit-set model against the real systemd: for every case folder of
 * test/fixtures/unit-set/ (host-like trees and flat folders), loadUnit() finds
 * the fragment and the drop-ins, in order, that systemd-analyze verify loaded
 * (recorded in verdicts.json by test/scripts/record-unit-set.ts, and compared
 * live when systemd-analyze is installed); every file, linted as
 * `etcetera lint` does, gives exactly the diagnostics its comments expect;
 * and our systemd/unit-refused agrees with systemd's refusals.
 */
import assert from "node:assert/strict";
import { existsSync, lstatSync, readFileSync, readlinkSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, it } from "node:test";
import { kindOfPath } from "../../server/src/core/kinds.js";
import { defaultSettings } from "../../server/src/core/settings.js";
import "../../server/src/core/languages.js";
import { analyze } from "../../server/src/features/documents.js";
import { UnitNameIndex } from "../../server/src/features/workspace-index.js";
import { loadUnit } from "../../server/src/languages/systemd/unit-set.js";
import { readExpectations } from "../helpers/expectations.js";
import { assertDiagnosticsMatch } from "../helpers/fixtures.js";
import { caseFiles, caseNames, type LoadVerdict, recordCase, unitSetDir, verdictsFile } from "../scripts/unit-set-lib.js";
import { systemdAnalyze } from "../scripts/verify-lib.js";

const recording = JSON.parse(readFileSync(verdictsFile, "utf8")) as { verdicts: Record<string, Record<string, LoadVerdict>> };

async function caseIndex(caseDir: string) {
  const files = caseFiles(caseDir).map((f) => join(caseDir, f));
  return { files, index: await UnitNameIndex.forFiles(files) };
}

describe("the unit set as systemd assembles it", () => {
  for (const name of caseNames()) {
    const caseDir = join(unitSetDir, name);
    const verdicts = recording.verdicts[name] ?? {};
    describe(name, () => {
      it("loads each unit with the fragment and drop-ins systemd loads, in systemd's order", async () => {
        const { index } = await caseIndex(caseDir);
        for (const [unit, verdict] of Object.entries(verdicts)) {
          if (verdict.refused || unit.includes("@.")) continue;
          const loaded = loadUnit(index, unit, join(caseDir, "x"));
          const rel = (p: string) => relative(caseDir, p);
          assert.equal(loaded.fragment ? rel(loaded.fragment.path) : null, verdict.fragment, `${unit}: fragment`);
          assert.deepEqual(loaded.fragment ? loaded.dropIns.map((d) => rel(d.path)) : [], verdict.dropIns, `${unit}: drop-ins`);
        }
      });

      it("lints every file as its expectations say, and refuses what systemd refuses", async () => {
        const { files, index } = await caseIndex(caseDir);
        const refusedFiles = new Set<string>();
        for (const file of files) {
          if (kindOfPath(file) !== "systemd" || (lstatSync(file).isSymbolicLink() && readlinkSync(file) === "/dev/null")) continue;
          const text = readFileSync(file, "utf8");
          const analysis = analyze(file, text, "systemd");
          assert.ok(analysis);
          const diagnostics = analysis.diagnostics({ path: file, settings: defaultSettings, workspace: index });
          assertDiagnosticsMatch(diagnostics, readExpectations(text));
          if (diagnostics.some((d) => d.rule === "systemd/unit-refused")) refusedFiles.add(file);
        }
        for (const [unit, verdict] of Object.entries(verdicts)) {
          if (unit.includes("@.")) continue;
          const loaded = loadUnit(index, unit, join(caseDir, "x"));
          const ours = loaded.layers.some((l) => refusedFiles.has(l.path));
          assert.equal(
            ours,
            verdict.refused,
            `${unit}: systemd ${verdict.refused ? "refuses" : "accepts"} it (${verdict.messages.join(" ")})`,
          );
        }
      });
    });
  }

  it("the recording is what systemd-analyze says today", {
    skip: existsSync(systemdAnalyze) ? false : "systemd-analyze is not installed",
  }, () => {
    for (const name of caseNames()) assert.deepEqual(recordCase(join(unitSetDir, name)), recording.verdicts[name], name);
  });
});
