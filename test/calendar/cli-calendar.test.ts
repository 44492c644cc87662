/**
 * `etcetera calendar` stands in for `systemd-analyze calendar`: for whole
 * command lines (options before and after the expressions, base times in
 * every form parse_timestamp() takes, bad options, no expression) standard
 * output, standard error and the exit status are systemd 252's, except the
 * "From now:" lines. Compared with test/fixtures/calendar/cli-252.json
 * (recorded by test/scripts/record-calendar.ts) and, when systemd 252 is
 * installed, with a live run. `--format json` gives the same data.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { runCalendar } from "../../server/src/cli/calendar.js";
import {
  type BatchResult,
  type CliCase,
  cliCases,
  cliRecordingFile,
  runSystemdCli,
  systemdVersion,
  withoutFromNow,
} from "./differential-lib.js";

const recording = JSON.parse(readFileSync(cliRecordingFile, "utf8")) as { systemd: string; cases: BatchResult[] };
const live = systemdVersion()?.startsWith("systemd 252 ") ?? false;

function ours(c: CliCase, extra: string[] = []): BatchResult {
  const saved = process.env.TZ;
  process.env.TZ = c.tz;
  try {
    let stdout = "";
    let stderr = "";
    const exitCode = runCalendar([...extra, ...c.args], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), isTTY: false });
    return { stdout, stderr, exitCode };
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
}

const show = (c: CliCase) => `TZ=${c.tz} calendar ${c.args.map((a) => JSON.stringify(a)).join(" ")}`;

describe("etcetera calendar as systemd-analyze calendar", () => {
  cliCases.forEach((c, i) => {
    it(show(c), () => {
      const expected = recording.cases[i];
      assert.ok(expected, "not recorded; run: node --import tsx test/scripts/record-calendar.ts");
      const actual = ours(c);
      assert.deepEqual({ ...actual, stdout: withoutFromNow(actual.stdout) }, expected);
      if (live) {
        const now = runSystemdCli(c);
        assert.deepEqual({ ...actual, stdout: withoutFromNow(actual.stdout) }, { ...now, stdout: withoutFromNow(now.stdout) }, "live");
      }
    });
  });

  it("--format json gives the same data", () => {
    const c = { tz: "Europe/Berlin", args: ["--iterations=2", "--base-time=@1711802096", "Mon..Fri 08:00", "*-02-30", "Fri..Mon"] };
    const text = ours(c);
    const json = ours(c, ["--format", "json"]);
    assert.equal(json.exitCode, text.exitCode);
    const reports = JSON.parse(json.stdout) as {
      expression: string;
      valid: boolean;
      normalized?: string;
      never: boolean;
      elapses: { usec: string; local: string; utc: string; fromNow: string }[];
      error?: { errno: string; reason: string; from: number; to: number };
    }[];
    assert.deepEqual(
      reports.map((r) => [r.expression, r.valid, r.normalized, r.never]),
      [
        ["Mon..Fri 08:00", true, "Mon..Fri *-*-* 08:00:00", false],
        ["*-02-30", true, "*-02-30 00:00:00", true],
        ["Fri..Mon", false, undefined, false],
      ],
    );
    assert.deepEqual(reports[0]?.elapses, [
      {
        usec: "1711951200000000",
        local: "Mon 2024-04-01 08:00:00 CEST",
        utc: "Mon 2024-04-01 06:00:00 UTC",
        fromNow: reports[0]?.elapses[0]?.fromNow,
      },
      {
        usec: "1712037600000000",
        local: "Tue 2024-04-02 08:00:00 CEST",
        utc: "Tue 2024-04-02 06:00:00 UTC",
        fromNow: reports[0]?.elapses[1]?.fromNow,
      },
    ]);
    for (const e of reports[0]?.elapses ?? []) assert.ok(text.stdout.includes(e.local) && text.stdout.includes(e.utc));
    assert.deepEqual(reports[2]?.error && { ...reports[2].error, reason: undefined }, {
      errno: "EINVAL",
      message: "Invalid argument",
      reason: undefined,
      from: 0,
      to: 8,
    });
  });

  const after = JSON.parse(readFileSync("test/fixtures/calendar/after-252.json", "utf8")) as {
    entries: { what: string; args?: string[]; tz?: string; v252?: BatchResult }[];
  };
  for (const entry of after.entries.filter((e) => e.args)) {
    it(`keeps to systemd 252 where newer systemd differs: ${entry.what.slice(0, 60)}…`, () => {
      const c = { tz: entry.tz ?? "UTC", args: entry.args ?? [] };
      assert.deepEqual(ours(c), entry.v252);
      if (live) assert.deepEqual(ours(c), runSystemdCli(c), "live");
    });
  }

  it("refuses an unknown option and an unknown format", () => {
    assert.equal(ours({ tz: "UTC", args: ["--frobnicate", "daily"] }).exitCode, 1);
    assert.equal(ours({ tz: "UTC", args: ["--format=xml", "daily"] }).exitCode, 2);
  });
});
