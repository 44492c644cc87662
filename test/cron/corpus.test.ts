/**
 * The crontabs Debian packages ship (fetched by test/corpus/fetch-debian-cron.sh
 * into .cache/corpus-cron when missing): /etc/cron.d files and the
 * documentation crontabs of every package that ships one. On every file cron
 * accepts (the daemon for system crontabs, crontab -n for user ones) we must
 * report nothing at all, except the real mistakes recorded, with the reason,
 * in known-real-mistakes.json beside this file.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { lintText } from "../helpers/lint.js";
import { corpusFiles, corpusUsers, ensureCorpus } from "./corpus.js";
import { type CronVerdict, canRunDaemon, crontabVerdict, daemonVerdicts, ensureCron } from "./cron-tools.js";
import type { Recording } from "./our-verdicts.js";
import { verdictsFile } from "./our-verdicts.js";

interface KnownMistake {
  file: string;
  line: number;
  rule: string;
  why: string;
}
const known = JSON.parse(readFileSync(join(import.meta.dirname, "known-real-mistakes.json"), "utf8")) as KnownMistake[];

describe("cron corpus from Debian packages", () => {
  const present = ensureCorpus();
  it("no false alarms on the files the daemon accepts", { skip: present ? false : "no corpus and no apt-get to fetch it" }, (t) => {
    const files = corpusFiles();
    const recording = JSON.parse(readFileSync(verdictsFile, "utf8")) as Recording;
    const live =
      ensureCron() && canRunDaemon()
        ? {
            ...daemonVerdicts(Object.fromEntries(files.filter((f) => f.kind === "system").map((f) => [f.key, f.text])), corpusUsers(files)),
            ...Object.fromEntries(files.filter((f) => f.kind === "user").map((f) => [f.key, crontabVerdict(f.text)])),
          }
        : undefined;
    let lines = 0;
    let compared = 0;
    const alarms: string[] = [];
    const findings: string[] = [];
    for (const f of files) {
      const recorded = recording.corpus[f.key];
      const sha1 = createHash("sha1").update(f.text).digest("hex");
      const verdict: CronVerdict | undefined = live?.[f.key] ?? (recorded?.sha1 === sha1 ? recorded.verdict : undefined);
      lines += f.text.split("\n").filter((l) => l.trim() !== "" && !l.trim().startsWith("#")).length;
      if (!verdict?.accepted) continue;
      compared++;
      for (const d of lintText(f.hostPath, f.text, undefined, "cron")) {
        const line = `${f.key}:${d.range.start.line + 1}: ${d.rule}: ${d.message}`;
        const isKnown = known.some((k) => k.file === f.key && k.line === d.range.start.line + 1 && k.rule === d.rule);
        (isKnown ? findings : alarms).push(line);
      }
    }
    const packages = new Set(files.map((f) => f.package)).size;
    t.diagnostic(
      `${packages} packages, ${files.length} files, ${lines} job and environment lines, ${compared} files cron accepts, ${findings.length} known real mistakes, ${alarms.length} false alarms`,
    );
    assert.ok(compared > 0, "no corpus file has a daemon verdict (record one with test/cron/record-cron-verdicts.ts)");
    assert.deepEqual(alarms, []);
    assert.equal(findings.length, known.length, "a recorded real mistake is no longer reported (or its file changed)");
  });
});
