/**
 * systemd/ordering-cycle against the real systemd: for every case folder of
 * test/fixtures/ordering-cycle/ (host-like trees with .wants/ links, aliases,
 * drop-ins and templates), the cycles the dependency graph finds are the ones
 * `systemd-analyze verify` meets when it starts each unit of the case
 * (recorded in verdicts.json by test/scripts/record-ordering-cycles.ts, and
 * compared live when systemd-analyze is installed), and every file, linted as
 * the language server does with the case as its workspace, reports the
 * cycle exactly on the lines its comments expect.
 */
import assert from "node:assert/strict";
import { existsSync, lstatSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { kindOfPath } from "../../server/src/core/kinds.js";
import { defaultSettings } from "../../server/src/core/settings.js";
import "../../server/src/core/languages.js";
import { analyze } from "../../server/src/features/documents.js";
import { UnitNameIndex } from "../../server/src/features/workspace-index.js";
import { dependencyGraph } from "../../server/src/languages/systemd/dependency-graph.js";
import { orderingCycles } from "../../server/src/languages/systemd/ordering-cycles.js";
import { readExpectations } from "../helpers/expectations.js";
import { assertDiagnosticsMatch } from "../helpers/fixtures.js";
import {
  type CycleVerdict,
  cycleCaseFiles,
  cycleCaseNames,
  cycleCasesDir,
  cycleVerdictsFile,
  verifyCycles,
} from "../scripts/ordering-cycle-lib.js";
import { systemdAnalyze } from "../scripts/verify-lib.js";

const recording = JSON.parse(readFileSync(cycleVerdictsFile, "utf8")) as { verdicts: Record<string, CycleVerdict> };
const rule = "systemd/ordering-cycle";

async function caseIndex(caseDir: string): Promise<UnitNameIndex> {
  const index = new UnitNameIndex();
  await index.scan([caseDir]);
  return index;
}

describe("ordering cycles as systemd meets them", () => {
  it("has cases with and without cycles", () => {
    const verdicts = Object.values(recording.verdicts);
    assert.ok(verdicts.filter((v) => v.cycles.length > 0).length >= 6);
    assert.ok(verdicts.filter((v) => v.cycles.length === 0).length >= 2);
    assert.deepEqual(Object.keys(recording.verdicts).sort(), cycleCaseNames());
  });

  for (const name of cycleCaseNames()) {
    const caseDir = join(cycleCasesDir, name);
    describe(name, () => {
      it("finds the cycles systemd-analyze verify finds, and no other", async () => {
        const index = await caseIndex(caseDir);
        const anyUnit = cycleCaseFiles(caseDir).find((f) => kindOfPath(f) === "systemd") as string;
        const graph = dependencyGraph(index, join(caseDir, anyUnit));
        const ours = orderingCycles(graph)
          .map((c) => [...c.units].sort().join(" "))
          .sort();
        const theirs = (recording.verdicts[name]?.cycles ?? []).map((c) => c.join(" "));
        assert.deepEqual([...new Set(ours)], theirs);
      });

      it("reports the cycle on the lines the fixture expects", async () => {
        const index = await caseIndex(caseDir);
        for (const rel of cycleCaseFiles(caseDir)) {
          const file = join(caseDir, rel);
          if (kindOfPath(file) !== "systemd" || lstatSync(file).isSymbolicLink()) continue;
          const text = readFileSync(file, "utf8");
          const analysis = analyze(file, text, "systemd");
          assert.ok(analysis);
          const diagnostics = analysis
            .diagnostics({ path: file, settings: defaultSettings, workspace: index })
            .filter((d) => d.rule === rule);
          for (const d of diagnostics) assert.equal(d.severity, "warning");
          assertDiagnosticsMatch(
            diagnostics,
            readExpectations(text).filter((e) => e.rule === rule),
          );
        }
      });
    });
  }

  it("the recording is what systemd-analyze says today", {
    skip: existsSync(systemdAnalyze) ? false : "systemd-analyze is not installed",
  }, () => {
    for (const name of cycleCaseNames()) assert.deepEqual(verifyCycles(join(cycleCasesDir, name)), recording.verdicts[name], name);
  });
});
