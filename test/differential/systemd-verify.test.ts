/**
 * Differential test against the real `systemd-analyze verify`.
 *
 * test/fixtures/verify-differential/ holds broken unit files (and drop-ins);
 * expected.json there records what systemd said about each of them
 * (test/scripts/record-verify.ts writes it). For every unit:
 *   - every line systemd reports must be covered by the range of one of our
 *     diagnostics of severity error or warning, in the same file;
 *   - every unit-level refusal ("... Refusing.", "fatal error", "bad unit file
 *     setting", "failed to load properly") must have an error of ours in the
 *     unit file or one of its drop-ins; any other unit-level message (such as
 *     "Accepting user/group name ...") must have an error or a warning there.
 * When systemd-analyze is installed, the recording is also compared with a
 * live run, so the fixture cannot go stale silently. Our diagnostics that
 * systemd has no counterpart for are printed for review, never failed on.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import type { Diagnostic } from "../../server/src/core/diagnostic.js";
import type { Settings } from "../../server/src/core/settings.js";
import { lintText } from "../helpers/lint.js";
import {
  dropInsOf,
  expectedFile,
  type Finding,
  fixtureDir,
  fixtureUnits,
  isRefusal,
  type Recording,
  systemdAnalyze,
  systemdVersion,
  verifyUnit,
} from "../scripts/verify-lib.js";

const recording = JSON.parse(readFileSync(expectedFile, "utf8")) as Recording;
const settings: Settings = { systemd: { version: recording.systemd.version }, rules: {} };
const hostDir = "/etc/systemd/system";

const counts = { units: 0, files: 0, findings: 0, matched: 0, missed: 0 };
const misses: string[] = [];
const extras: string[] = [];
/** VERIFY_DIFF_VERBOSE=1 also prints which diagnostic of ours answered each systemd finding. */
const verbose = process.env.VERIFY_DIFF_VERBOSE === "1";
const pairs: string[] = [];

function show(d: Diagnostic): string {
  const r = d.range;
  const where = r.start.line === r.end.line ? `${r.start.line + 1}` : `${r.start.line + 1}-${r.end.line + 1}`;
  return `${where}:${r.start.character + 1} ${d.severity} ${d.rule}: ${d.message}`;
}

const coversLine = (d: Diagnostic, line: number) => d.range.start.line <= line - 1 && line - 1 <= d.range.end.line;
const isProblem = (d: Diagnostic) => d.severity === "error" || d.severity === "warning";

/** Rules whose diagnostics say "systemd will not load this unit"; preferred as the counterpart of a refusal. */
const refusalRules = new Set([
  "systemd/unit-refused",
  "systemd/syntax-error",
  "systemd/dropin-exec-start-not-reset",
  "systemd/invalid-unit-name",
]);

function checkUnit(unit: string): string[] {
  const verdict = recording.units[unit];
  assert.ok(verdict, `${unit} is not in ${expectedFile}; run: node --import tsx test/scripts/record-verify.ts`);
  const files = [unit, ...dropInsOf(unit)];
  const ours = new Map<string, Diagnostic[]>();
  // Drop-ins are checked together with their unit, as the CLI does when the unit sits beside its .d directory.
  const workspace = {
    unitNames: () => [unit],
    unitText: (name: string) => (name === unit ? readFileSync(join(fixtureDir, unit), "utf8") : undefined),
  };
  for (const file of files) {
    const text = readFileSync(join(fixtureDir, file), "utf8");
    ours.set(file, lintText(`${hostDir}/${file}`, text, settings, undefined, workspace));
  }
  const used = new Set<Diagnostic>();
  const problems: string[] = [];
  const all = files.flatMap((f) => (ours.get(f) ?? []).map((d) => ({ file: f, d })));
  const describeOurs = (file: string, line: number | null) => {
    const list =
      line === null ? all.map((x) => `${x.file}:${show(x.d)}`) : (ours.get(file) ?? []).filter((d) => coversLine(d, line)).map(show);
    return list.length ? list.join(" | ") : "nothing";
  };

  counts.units++;
  counts.files += files.length;
  for (const file of files) {
    const findings: Finding[] = verdict.files[file] ?? [];
    for (const f of findings) {
      counts.findings++;
      let hit: Diagnostic[];
      if (f.line !== null) {
        hit = (ours.get(file) ?? []).filter((d) => isProblem(d) && coversLine(d, f.line as number));
      } else {
        const wanted = isRefusal(f.message) ? (d: Diagnostic) => d.severity === "error" : isProblem;
        const candidates = all.map((x) => x.d).filter(wanted);
        // The counterpart of a unit-level message. "Unit configuration has fatal error" and the closing
        // "Unit X has a bad unit file setting" follow from what systemd already reported, so a diagnostic
        // already matched comes first; for "... Refusing." a whole-unit rule's diagnostic does.
        const byRule = candidates.find((d) => refusalRules.has(d.rule));
        const byUse = candidates.find((d) => used.has(d));
        const consequence = /fatal error|^Unit \S+ (has a bad unit file setting|failed to load properly)/.test(f.message);
        const best = (consequence ? (byUse ?? byRule) : (byRule ?? byUse)) ?? candidates[0];
        hit = best ? [best] : [];
      }
      if (hit.length > 0) {
        counts.matched++;
        if (verbose) pairs.push(`${file}:${f.line ?? "unit"} "${f.message}"\n      <- ${hit.map(show).join("\n      <- ")}`);
        for (const d of hit) used.add(d);
      } else {
        counts.missed++;
        const where = f.line === null ? `${file} (unit-level)` : `${file}:${f.line}`;
        const need = f.line === null && isRefusal(f.message) ? "an error" : "an error or warning";
        const miss = `${where}: systemd says "${f.message}"; we need ${need}${f.line === null ? " anywhere" : " on that line"}, we report: ${describeOurs(file, f.line)}`;
        problems.push(miss);
        misses.push(miss);
      }
    }
  }
  for (const { file, d } of all) {
    if (used.has(d)) continue;
    const lines = new Set((verdict.files[file] ?? []).map((f) => f.line));
    if (!lines.has(d.range.start.line + 1)) extras.push(`${file}:${show(d)}`);
  }
  return problems;
}

describe("systemd-analyze verify differential", () => {
  after(() => {
    console.log(
      `\nverify differential (systemd ${recording.systemd.version}): ${counts.units} units in ${counts.files} files; ` +
        `${counts.findings} systemd findings, ${counts.matched} matched, ${counts.missed} missed`,
    );
    if (verbose) console.log(`\nmatched:\n  ${pairs.join("\n  ")}`);
    if (misses.length) console.log(`\nmissed (${misses.length}):\n  ${misses.join("\n  ")}`);
    console.log(`\nours without a systemd counterpart, for review (${extras.length}):\n  ${extras.join("\n  ")}`);
  });

  it("expected.json lists exactly the fixture units, each with at least one finding", () => {
    assert.deepEqual(Object.keys(recording.units).sort(), fixtureUnits(), `${expectedFile} is stale; re-run test/scripts/record-verify.ts`);
    for (const [unit, verdict] of Object.entries(recording.units)) {
      const n = Object.values(verdict.files).reduce((sum, f) => sum + f.length, 0);
      assert.ok(n > 0, `${unit}: systemd reported nothing; every fixture must hold a mistake systemd reports`);
      assert.deepEqual(Object.keys(verdict.files).sort(), [unit, ...dropInsOf(unit)].sort(), `${unit}: drop-ins changed since recording`);
    }
  });

  const live = existsSync(systemdAnalyze) ? systemdVersion() : undefined;
  const skip =
    live === undefined
      ? `${systemdAnalyze} is not installed`
      : live.version !== recording.systemd.version
        ? `recorded with systemd ${recording.systemd.version}, this machine has ${live.version}`
        : false;
  it("the recording matches a live systemd-analyze verify run", { skip }, () => {
    const stale: string[] = [];
    for (const unit of fixtureUnits()) {
      const now = verifyUnit(unit).files;
      const then = recording.units[unit]?.files;
      if (JSON.stringify(now) !== JSON.stringify(then))
        stale.push(`${unit}:\n    recorded ${JSON.stringify(then)}\n    live     ${JSON.stringify(now)}`);
    }
    assert.deepEqual(stale, [], "re-run: node --import tsx test/scripts/record-verify.ts");
  });

  describe("every systemd finding has a diagnostic of ours", () => {
    for (const unit of Object.keys(recording.units).sort()) {
      it(unit, () => {
        const problems = checkUnit(unit);
        assert.deepEqual(problems, [], `${problems.length} systemd finding(s) we miss`);
      });
    }
  });
});
