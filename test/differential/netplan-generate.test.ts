/**
 * Differential test against the real `netplan generate` (Debian 12's 0.106).
 *
 * test/fixtures/netplan-differential/ holds cases netplan reads from
 * /etc/netplan: upstream/ (the inputs of netplan 0.106's own generator tests,
 * extracted by test/scripts/extract-netplan-upstream.py), upstream-1.2.2/ (the
 * inputs of netplan 1.2.2's tests and the examples it ships that 0.106 has not:
 * newer keys and values, judged by 0.106 all the same), examples/ (the
 * examples netplan 0.106 ships) and broken/ (our own broken files).
 * expected.json records netplan's verdicts (test/scripts/record-netplan.ts).
 * For every case:
 *   - netplan accepts it ⇔ we report no error in any of its files, and on a
 *     case netplan accepts we report no warning netplan does not also print
 *     (warnings of the rules about mistakes netplan accepts are listed apart);
 *   - every located netplan error has an error of ours in that file whose
 *     range covers netplan's line (or, for our broken files, the line marked
 *     `# mistake`, where netplan points elsewhere; for a definition as a whole
 *     netplan points at its first key, we at its name on the line above or at
 *     the faulty key inside it).
 * Cases that still disagree are listed in known-gaps.json with the reason; the
 * test fails when a listed case starts to agree (shrink the list) or an
 * unlisted one disagrees. When netplan is installed, the recording is also
 * compared with a live run.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import type { Diagnostic } from "../../server/src/core/diagnostic.js";
import { defaultSettings } from "../../server/src/core/settings.js";
import { lintText } from "../helpers/lint.js";
import { caseFiles, expectedFile, fixtureCases, fixtureDir, generateCase, netplanBinary, type Recording } from "../scripts/netplan-lib.js";

const recording = JSON.parse(readFileSync(expectedFile, "utf8")) as Recording;
const gapsFile = join(fixtureDir, "known-gaps.json");
const gaps = JSON.parse(readFileSync(gapsFile, "utf8")) as Record<string, string>;

/**
 * Rules about mistakes netplan accepts (the kernel or the backend then fails, or the result surprises): on
 * netplan's own test inputs, which exercise the generator rather than make sense, they are listed for review,
 * not counted as false alarms. Everything else of ours mirrors a netplan error or warning.
 */
const beyondNetplan = new Set([
  "netplan/gateway-outside-subnet",
  "netplan/duplicate-address",
  "netplan/host-bits-set",
  "netplan/member-with-addresses",
  "netplan/missing-version",
  "netplan/duplicate-key",
  "netplan/file-permissions",
  "netplan/bridge-timer-units",
  "netplan/mtu-too-small-for-ipv6",
  "netplan/unusable-gateway",
  "netplan/vlan-mtu-above-link",
  "netplan/duplicate-match",
  "netplan/address-not-a-host",
  "netplan/multicast-mac",
  "netplan/interface-name-too-long",
]);
const beyond: string[] = [];

/** Messages about this machine, not the file: netplan needs ovs-vsctl to accept Open vSwitch definitions. */
const environment = /The 'ovs-vsctl' tool is required/;

interface Outcome {
  verdictAgrees: boolean;
  lineAgrees: boolean;
  falseAlarms: string[];
  problems: string[];
}

function lintCase(name: string): Map<string, Diagnostic[]> {
  const files = caseFiles(name);
  const paths = [...files.keys()].map((f) => `/etc/netplan/${f}`);
  const workspace = {
    unitNames: () => [],
    netplanFolder: (path: string) => paths.filter((p) => p !== path).map((p) => ({ path: p, text: files.get(p.slice(13)) ?? "" })),
  };
  const out = new Map<string, Diagnostic[]>();
  for (const [file, text] of files) out.set(file, lintText(`/etc/netplan/${file}`, text, defaultSettings, "netplan", workspace));
  return out;
}

function compare(name: string): Outcome {
  const verdict = recording.cases[name];
  assert.ok(verdict, `${name} is not recorded: run node --import tsx test/scripts/record-netplan.ts`);
  const ours = lintCase(name);
  const files = caseFiles(name);
  const errors = [...ours.values()].flat().filter((d) => d.severity === "error");
  const theirErrors = verdict.findings.filter((f) => !/^WARNING|^WARNING:|warning/i.test(f.message) && !environment.test(f.message));
  const netplanOk = verdict.ok || verdict.findings.every((f) => environment.test(f.message) || /^WARNING/.test(f.message));
  const problems: string[] = [];
  const falseAlarms: string[] = [];
  const verdictAgrees = netplanOk === (errors.length === 0);
  if (!verdictAgrees)
    problems.push(
      netplanOk
        ? `netplan accepts it, we report: ${errors.map((d) => `${d.rule} ${d.range.start.line + 1}: ${d.message}`).join(" | ")}`
        : `netplan rejects it (${verdict.findings.map((f) => `${f.file ?? ""}:${f.line ?? ""} ${f.message}`).join(" | ")}), we report no error`,
    );
  if (netplanOk) {
    const netplanWarns = verdict.findings.some((f) => /^WARNING/.test(f.message));
    for (const [file, ds] of ours)
      for (const d of ds) {
        const where = `${name}/${file}:${d.range.start.line + 1} ${d.rule}: ${d.message}`;
        if (d.severity === "warning" && beyondNetplan.has(d.rule)) beyond.push(where);
        else if (d.severity === "error" || (d.severity === "warning" && !netplanWarns)) falseAlarms.push(where);
      }
  }
  let lineAgrees = true;
  if (!netplanOk)
    for (const f of theirErrors) {
      if (!f.file || f.line === null) continue;
      const text = files.get(f.file) ?? "";
      const marked = text.split("\n").findIndex((l) => /#\s*mistake\b/.test(l));
      // For a definition as a whole netplan points at its first key; we point at its name, the line above.
      const above = text.split("\n")[f.line - 2] ?? "";
      const lines = [f.line - 1, ...(marked >= 0 ? [marked] : []), ...(/^\s*[^\s:#]+:\s*$/.test(above) ? [f.line - 2] : [])];
      // A definition's validation error (netplan names its first key): ours may sit on the faulty key inside it.
      const all = text.split("\n");
      let blockEnd = f.line - 2;
      if (/^\s*[^\s:#]+:\s*$/.test(above)) {
        const indent = above.length - above.trimStart().length;
        blockEnd = f.line - 1;
        while (blockEnd + 1 < all.length && ((all[blockEnd + 1] ?? "").trim() === "" || (all[blockEnd + 1] ?? "").search(/\S/) > indent))
          blockEnd++;
      }
      const first = f.line - 1;
      const inBlock = (l: number) => l >= first && l <= blockEnd;
      const hit = (ours.get(f.file) ?? []).some(
        (d) =>
          d.severity === "error" && (lines.some((l) => d.range.start.line <= l && l <= d.range.end.line) || inBlock(d.range.start.line)),
      );
      if (!hit) {
        lineAgrees = false;
        problems.push(`no error of ours on ${f.file}:${f.line} (${f.message})`);
      }
    }
  return { verdictAgrees, lineAgrees, falseAlarms, problems };
}

const counts = { cases: 0, files: 0, rejected: 0, verdictAgrees: 0, lineAgrees: 0, falseAlarmCases: 0, gaps: 0 };

describe(`netplan generate ${recording.netplan} agrees with our diagnostics`, () => {
  after(() => {
    console.log(`netplan differential: ${JSON.stringify(counts)}`);
    console.log(`warnings of ours beyond netplan on files it accepts (for review): ${beyond.length}`);
    if (process.env.NETPLAN_DIFF_VERBOSE === "1") for (const b of beyond) console.log(`  ${b}`);
  });
  for (const name of fixtureCases()) {
    it(name, () => {
      const o = compare(name);
      counts.cases++;
      counts.files += caseFiles(name).size;
      if (!recording.cases[name]?.ok) counts.rejected++;
      if (o.verdictAgrees) counts.verdictAgrees++;
      if (o.lineAgrees && o.verdictAgrees) counts.lineAgrees++;
      if (o.falseAlarms.length) counts.falseAlarmCases++;
      const agrees = o.verdictAgrees && o.lineAgrees && o.falseAlarms.length === 0;
      if (gaps[name] !== undefined) {
        counts.gaps++;
        assert.ok(!agrees, `${name} agrees with netplan now: remove it from ${gapsFile}`);
        return;
      }
      assert.ok(agrees, [...o.problems, ...o.falseAlarms.map((f) => `false alarm: ${f}`)].join("\n"));
    });
  }
  it("lists no known gap that is not a case", () => {
    const cases = new Set(fixtureCases());
    assert.deepEqual(
      Object.keys(gaps).filter((g) => !cases.has(g)),
      [],
    );
  });
});

describe("the recording matches a live run of netplan's generator", {
  skip: existsSync(netplanBinary) ? false : `${netplanBinary} is not installed (Debian package netplan.io)`,
}, () => {
  it("for every case", () => {
    const stale = fixtureCases().filter((name) => JSON.stringify(generateCase(name)) !== JSON.stringify(recording.cases[name]));
    assert.deepEqual(stale, [], "re-run node --import tsx test/scripts/record-netplan.ts");
  });
});
