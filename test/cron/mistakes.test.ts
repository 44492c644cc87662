/**
 * The mistakes cron accepts without a word (test/fixtures/cron-mistakes):
 * every mistake is accepted by Debian's cron (crontab -n for user crontabs,
 * the daemon for /etc/cron.d; recorded in verdicts.json, compared live where
 * cron runs here), and we report exactly what its comments expect, on its
 * line; its corrected twin is accepted too and draws no diagnostic at all.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { settingsFromConfiguration } from "../../server/src/core/settings.js";
import { readExpectations } from "../helpers/expectations.js";
import { assertDiagnosticsMatch } from "../helpers/fixtures.js";
import { lintText } from "../helpers/lint.js";
import { canRunDaemon, crontabVerdict, daemonVerdicts, ensureCron } from "./cron-tools.js";
import { mistakeFiles, mistakePath } from "./mistakes.js";
import { type Recording, verdictsFile } from "./our-verdicts.js";

const recording = JSON.parse(readFileSync(verdictsFile, "utf8")) as Recording;
const files = mistakeFiles();

describe("cron mistakes that cron accepts", () => {
  for (const f of files) {
    it(f.key, () => {
      const verdict = recording.mistakes?.[f.key];
      assert.ok(verdict, `no cron verdict recorded for ${f.key}; run test/cron/record-cron-verdicts.ts`);
      assert.deepEqual(verdict, { accepted: true }, `${f.key}: cron must accept it (this suite is about what cron lets through)`);
      const expected = readExpectations(f.text);
      if (!f.fixed) assert.ok(expected.length > 0, `${f.key}: a mistake states what we report`);
      assertDiagnosticsMatch(lintText(mistakePath(f), f.text, undefined, "cron"), expected);
    });
  }

  it("every mistake has a corrected twin", () => {
    const keys = new Set(files.map((f) => f.key));
    for (const f of files.filter((m) => !m.fixed)) assert.ok(keys.has(f.key.replace("/", "-fixed/")), `${f.key} has no fixed version`);
  });

  it("bash-only syntax is a mistake under Debian's dash, not under cronie (where /bin/sh is bash)", () => {
    const cronie = settingsFromConfiguration({ cron: { dialect: "cronie" } });
    for (const f of files.filter((m) => !m.fixed && /cron\/bash-syntax/.test(m.text))) {
      const rules = lintText(mistakePath(f), f.text, cronie, "cron").map((d) => d.rule);
      assert.ok(!rules.includes("cron/bash-syntax"), `${f.key} under cronie: ${rules.join(", ")}`);
    }
  });

  const live = ensureCron() && canRunDaemon();
  it("the recording is what Debian's cron says today (live)", { skip: live ? false : "needs root, unshare and Debian's cron" }, (t) => {
    const user = Object.fromEntries(files.filter((f) => f.kind === "user").map((f) => [f.key, crontabVerdict(f.text)]));
    const system = daemonVerdicts(Object.fromEntries(files.filter((f) => f.kind === "system").map((f) => [f.key, f.text])), ["postgres"]);
    assert.deepEqual({ ...user, ...system }, recording.mistakes);
    t.diagnostic(`${files.filter((f) => !f.fixed).length} mistakes and their fixes, all accepted by cron`);
  });
});
