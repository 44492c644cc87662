/**
 * Differential test of the spellings of variants.ts against Debian's cron:
 * for every variant we report an error exactly when cron rejects the file
 * (crontab -n for a user crontab, the daemon for /etc/cron.d), except the
 * additions below (cron reads the line but ignores part of what it says, and
 * we say so as an error). The verdicts are recorded in variants.json
 * (record-cron-variants.ts) and compared live when Debian's cron runs here.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { lintText } from "../helpers/lint.js";
import { canRunDaemon, ensureCron } from "./cron-tools.js";
import { judgeVariants, systemVariants, userVariants, type VariantRecording, variantsFile } from "./variants.js";

/** Variants cron accepts while ignoring part of them, with the rule that says so. */
const additions: Record<string, string> = {
  // Debian's cron reads '5' and drops '~10' (cronie's random value) without a word.
  'minute:"5~10"': "cron/unsupported-syntax",
  'minute:"0~59"': "cron/unsupported-syntax",
  // cron drops '#2' and runs on every Thursday.
  'dow:"thu#2"': "cron/unsupported-syntax",
  // The mark becomes part of the variable's name: A itself is never set.
  "format:byte-order-mark-env": "cron/byte-order-mark",
};

const recording = JSON.parse(readFileSync(variantsFile, "utf8")) as VariantRecording;

function compare(kind: "user" | "system", texts: Record<string, string>, verdicts: Record<string, string>) {
  const problems: string[] = [];
  let rejected = 0;
  for (const [name, text] of Object.entries(texts)) {
    const theirs = verdicts[name];
    if (theirs === undefined) {
      problems.push(`${name}: no recorded verdict (run node --import tsx test/cron/record-cron-variants.ts)`);
      continue;
    }
    if (theirs !== "ok") rejected++;
    const path = kind === "system" ? "/etc/cron.d/variant" : "/var/spool/cron/crontabs/user";
    const errors = lintText(path, text, undefined, "cron").filter((d) => d.severity === "error");
    const addition = additions[name];
    if (addition) {
      if (theirs !== "ok" || !errors.some((d) => d.rule === addition))
        problems.push(
          `${kind} ${name}: listed as our addition (${addition}) but cron says ${theirs}, we report ${errors.map((d) => d.rule)}`,
        );
      continue;
    }
    if ((theirs === "ok") !== (errors.length === 0))
      problems.push(
        `${kind} ${name} ${JSON.stringify(text.slice(0, 60))}: cron ${theirs === "ok" ? "accepts" : `rejects (${theirs})`}, we ${errors.length ? `report ${errors.map((d) => d.rule).join(", ")}` : "report no error"}`,
      );
  }
  return { problems, rejected };
}

describe(`cron ${recording.cron}: variants`, () => {
  it("user crontabs: an error exactly where crontab -n rejects (recorded)", (t) => {
    const { problems, rejected } = compare("user", userVariants(), recording.user);
    assert.deepEqual(problems, []);
    t.diagnostic(`${Object.keys(recording.user).length} variants, ${rejected} rejected by crontab -n`);
  });
  it("system crontabs: an error exactly where the daemon rejects (recorded)", (t) => {
    const { problems, rejected } = compare("system", systemVariants(), recording.system);
    assert.deepEqual(problems, []);
    t.diagnostic(`${Object.keys(recording.system).length} variants, ${rejected} rejected by the daemon`);
  });
  const live = ensureCron() && canRunDaemon();
  it("the recording is what Debian's cron says today (live)", { skip: live ? false : "needs root, unshare and Debian's cron" }, () => {
    const now = judgeVariants();
    assert.deepEqual(now.user, recording.user);
    assert.deepEqual(now.system, recording.system);
  });
});
