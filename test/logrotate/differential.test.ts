/**
 * Etcetera against the real `logrotate -d` (Debian 12's 3.21.0, installed
 * when missing) on every config we have: the rule fixtures, our own broken
 * files (test/logrotate/broken) and the logrotate.d files of 300+ Debian
 * packages (fetched by test/corpus/fetch-debian-logrotate.sh when missing).
 * Both must give the same verdict; every line logrotate names in an error
 * carries an error of ours; on what logrotate accepts we report no error and
 * no warning, except its own "note: ... overrides" findings and the real
 * mistakes listed in known-real-mistakes.json. Without logrotate the
 * verdicts recorded in verdicts.json stand in; with it, they must still hold.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import type { Diagnostic } from "../../server/src/core/diagnostic.js";
import { parseLogrotate } from "../../server/src/languages/logrotate/parser.js";
import { lintText } from "../helpers/lint.js";
import { corpusDir, corpusInputs, type DiffInput, type RecordedVerdict, recordedVerdicts, repositoryInputs } from "./inputs.js";
import { ensureLogrotate, logrotateVerdicts } from "./logrotate-tools.js";

const known = JSON.parse(readFileSync("test/logrotate/known-real-mistakes.json", "utf8")) as Record<string, string>;

function ensureCorpus(): boolean {
  const manifest = join(corpusDir, "manifest.tsv");
  const packages = () =>
    new Set(
      readFileSync(manifest, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((r) => r.split("\t")[0]),
    ).size;
  if (existsSync(manifest) && packages() >= 300) return true;
  if (!existsSync("/usr/bin/apt-get") || process.getuid?.() !== 0) return false;
  const r = spawnSync("bash", ["test/corpus/fetch-debian-logrotate.sh", corpusDir], { stdio: "inherit", timeout: 1_800_000 });
  return r.status === 0 && existsSync(manifest);
}

/** The verdicts: live when logrotate is here (checked against the recorded ones), else the recorded ones. */
function verdicts(inputs: DiffInput[], live: boolean): { verdict: (RecordedVerdict | undefined)[]; drift: string[] } {
  const recorded = recordedVerdicts();
  if (!live) return { verdict: inputs.map((x) => (recorded[x.key]?.sha === x.sha ? recorded[x.key] : undefined)), drift: [] };
  const got = logrotateVerdicts(inputs);
  const drift: string[] = [];
  const verdict = inputs.map((x, i) => {
    const v = got[i];
    if (!v) return undefined;
    const r: RecordedVerdict = { sha: x.sha, accepted: v.accepted, errorLines: v.errorLines, notes: v.notes.length };
    const old = recorded[x.key];
    if (!old || old.sha !== x.sha) drift.push(`${x.key}: no recorded verdict (run npx tsx test/logrotate/record-verdicts.ts)`);
    else if (old.accepted !== r.accepted || old.errorLines.join() !== r.errorLines.join())
      drift.push(`${x.key}: logrotate now says ${JSON.stringify(r)}, recorded ${JSON.stringify(old)}`);
    return r;
  });
  return { verdict, drift };
}

/** Whether one of our errors stands on the line logrotate names, or in the path list it starts there (logrotate names the first line of a list). */
function flaggedAt(x: DiffInput, ours: Diagnostic[], line: number): boolean {
  const l = line - 1;
  if (ours.some((d) => d.range.start.line === l)) return true;
  const block = parseLogrotate(x.text).blocks.find((b) => b.startLine === l);
  return block !== undefined && ours.some((d) => d.range.start.line >= l && d.range.start.line <= block.open.range.start.line);
}

interface Tally {
  rejected: number;
  accepted: number;
  agree: number;
  named: number;
  missed: string[];
  disagree: string[];
  alarms: string[];
  trueFindings: number;
  info: number;
}

function compare(inputs: DiffInput[], verdict: (RecordedVerdict | undefined)[]): Tally {
  const t: Tally = { rejected: 0, accepted: 0, agree: 0, named: 0, missed: [], disagree: [], alarms: [], trueFindings: 0, info: 0 };
  inputs.forEach((x, i) => {
    const v = verdict[i];
    if (!v) {
      t.disagree.push(`${x.key}: no logrotate verdict`);
      return;
    }
    const ours = lintText(x.lintPath, x.text);
    const errors = ours.filter((d) => d.severity === "error");
    if (v.accepted) t.accepted++;
    else t.rejected++;
    if (v.accepted === (errors.length === 0)) t.agree++;
    else
      t.disagree.push(
        `${x.key}: logrotate ${v.accepted ? "accepts" : `rejects (lines ${v.errorLines.join(", ")})`}, we report ${errors.length} errors ${errors.map((d) => `${d.range.start.line + 1}: ${d.message}`).join(" | ")}`,
      );
    for (const line of v.errorLines) {
      t.named++;
      if (!flaggedAt(x, errors, line)) t.missed.push(`${x.key}:${line}`);
    }
    if (!v.accepted || x.group === "fixture") return;
    for (const d of ours) {
      if (d.severity === "info" || d.severity === "hint") {
        t.info++;
        continue;
      }
      const key = `${x.key}:${d.range.start.line + 1}: ${d.rule}`;
      if (known[key] || (d.rule === "logrotate/conflicting-directives" && v.notes > 0)) t.trueFindings++;
      else t.alarms.push(`${key}: ${d.message}`);
    }
  });
  return t;
}

const live = ensureLogrotate();

describe("logrotate -d and Etcetera agree", () => {
  it("on the fixtures, the clean configs and our broken files", (t) => {
    const inputs = repositoryInputs();
    const { verdict, drift } = verdicts(inputs, live);
    const r = compare(inputs, verdict);
    const broken = inputs.filter((x) => x.group === "broken").length;
    t.diagnostic(
      `${live ? "live" : "recorded"}: ${inputs.length} configs (${broken} broken files of ours), ${r.rejected} rejected by logrotate, ${r.agree} same verdict, ${r.named} lines named, ${r.named - r.missed.length} flagged on that line`,
    );
    assert.ok(broken >= 60, "fewer than 60 broken files");
    const acceptedBroken = inputs.filter((x, i) => x.group === "broken" && verdict[i]?.accepted).map((x) => x.key);
    assert.deepEqual(acceptedBroken, [], "logrotate accepts these 'broken' files");
    assert.deepEqual(drift, []);
    assert.deepEqual(r.disagree, []);
    assert.deepEqual(r.missed, []);
    assert.deepEqual(r.alarms, []);
    // The mistakes logrotate accepts: fixtures of our own rules that it takes without an error, each
    // with its corrected twin in clean/fixed/<rule>--<name> (the clean fixtures must lint clean).
    const mistakes = inputs.filter((x, i) => x.group === "fixture" && verdict[i]?.accepted && lintText(x.lintPath, x.text).length > 0);
    const twin = (x: DiffInput) =>
      x.key.replace(
        /^test\/fixtures\/logrotate\/([^/]+)\/(?:([^/]+)\/)?([^/]+)$/,
        (_m, rule, sub, name) => `test/fixtures/logrotate/clean/fixed/${rule}--${sub ?? name}${sub ? `/${name}` : ""}`,
      );
    const withTwin = mistakes.filter((x) => inputs.some((y) => y.key === twin(x) && y.group === "clean"));
    t.diagnostic(`${mistakes.length} mistakes logrotate accepts and we catch, ${withTwin.length} with a corrected twin`);
    assert.ok(withTwin.length >= 40, "fewer than 40 accepted mistakes with a corrected version");
  });

  const corpusReady = ensureCorpus();
  it("on the logrotate.d files of 300+ Debian packages", { skip: corpusReady ? false : "no corpus (needs root and apt-get)" }, (t) => {
    const inputs = corpusInputs();
    const { verdict, drift } = verdicts(inputs, live);
    const r = compare(inputs, verdict);
    const packages = new Set(inputs.map((x) => x.key.split("/")[0])).size;
    t.diagnostic(
      `${live ? "live" : "recorded"}: ${packages} packages, ${inputs.length} files, ${r.accepted} accepted and ${r.rejected} rejected by logrotate -d, ${r.agree} same verdict, ${r.trueFindings} true findings (notes and known mistakes), ${r.alarms.length} false alarms, ${r.info} infos`,
    );
    assert.ok(packages >= 300, "the corpus has fewer than 300 packages");
    assert.deepEqual(drift, []);
    assert.deepEqual(r.disagree, []);
    assert.deepEqual(r.missed, []);
    assert.deepEqual(r.alarms, []);
    const found = new Set(inputs.flatMap((x) => lintText(x.lintPath, x.text).map((d) => `${x.key}:${d.range.start.line + 1}: ${d.rule}`)));
    assert.deepEqual(
      Object.keys(known).filter((k) => k !== "_" && !found.has(k)),
      [],
      "a known real mistake is no longer reported",
    );
  });
});
