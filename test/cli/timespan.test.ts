/**
 * `etcetera timespan SPAN` against `systemd-analyze timespan -- SPAN`: the same
 * stdout, stderr and exit status for each of ~250 inputs. Live when
 * systemd-analyze is here; against the recording in
 * test/fixtures/timespan/systemd-analyze.json (test/scripts/record-timespan.ts)
 * when it is not.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { before, describe, it } from "node:test";
import { bundlePath, ensureBundle } from "../helpers/bundle.js";
import {
  type Case,
  mapLimit,
  type Recording,
  recordingFile,
  runEtcetera,
  runSystemd,
  systemdAnalyze,
  systemdVersion,
  type Verdict,
} from "./timespan-lib.js";

const recording = JSON.parse(readFileSync(recordingFile, "utf8")) as Recording;
const live = systemdVersion();

const same = (a: Verdict, b: Verdict) => a.exitCode === b.exitCode && a.stdout === b.stdout && a.stderr === b.stderr;

describe(`etcetera timespan vs systemd-analyze timespan (${live ? `live, ${live}` : `recorded, ${recording.systemd}`})`, () => {
  let expected: Case[] = [];
  let actual: Verdict[] = [];

  before(async () => {
    ensureBundle();
    const inputs = recording.cases.map((c) => c.input);
    expected = live ? (await mapLimit(inputs, 8, runSystemd)).map((v, i) => ({ input: inputs[i] as string, ...v })) : recording.cases;
    actual = await mapLimit(inputs, 8, runEtcetera);
  });

  it("covers valid and invalid inputs", () => {
    assert.ok(expected.length >= 200, `${expected.length} inputs`);
    assert.ok(expected.filter((c) => c.exitCode === 0).length >= 80);
    assert.ok(expected.filter((c) => c.exitCode !== 0).length >= 50);
  });

  it("prints the same stdout and stderr and exits the same for every input", () => {
    const unexpected: string[] = [];
    expected.forEach((e, i) => {
      const a = actual[i] as Verdict;
      if (same(e, a)) return;
      unexpected.push(
        `${JSON.stringify(e.input)}:\n  systemd (${e.exitCode}): ${JSON.stringify(e.stdout + e.stderr)}\n  etcetera (${a.exitCode}): ${JSON.stringify(a.stdout + a.stderr)}`,
      );
    });
    assert.deepEqual(unexpected, []);
  });

  it("takes '--' before the spans, as systemd-analyze does", () => {
    const r = spawnSync(process.execPath, [bundlePath, "timespan", "--", "90s"], { encoding: "utf8" });
    const plain = expected.find((c) => c.input === "90s") as Case;
    assert.deepEqual([r.status, r.stdout, r.stderr], [plain.exitCode, plain.stdout, plain.stderr]);
  });

  it("stops at the first invalid span with status 1, as systemd-analyze does", { skip: !live && "systemd-analyze is absent" }, () => {
    const args = ["5s", "bogus", "6s"];
    const env = { ...process.env, LC_ALL: "C.UTF-8" };
    const s = spawnSync(systemdAnalyze, ["timespan", "--", ...args], { encoding: "utf8", env });
    const ours = spawnSync(process.execPath, [bundlePath, "timespan", ...args], { encoding: "utf8", env });
    assert.deepEqual([ours.status, ours.stdout, ours.stderr], [s.status, s.stdout, s.stderr]);
  });
});
