/**
 * Our reading of environment lines against what Debian's daemon really gave a
 * job (recorded by record-cron-verdicts.ts from env-probe.ts): the values our
 * parser computes, cron's defaults, and which lines our rules call mistakes
 * (those whose value is not what a shell-minded author expects).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { defaultPath } from "../../server/src/languages/cron/command.js";
import { parseCrontab } from "../../server/src/languages/cron/parser.js";
import { lintText } from "../helpers/lint.js";
import { probeEnvLines } from "./env-probe.js";
import { type Recording, verdictsFile } from "./our-verdicts.js";

const recording = JSON.parse(readFileSync(verdictsFile, "utf8")) as Recording;
const text = `${probeEnvLines.join("\n")}\n`;

describe("cron environment lines as the daemon reads them", () => {
  it("our parser gives every variable the value the job got", () => {
    const file = parseCrontab(text);
    const ours = Object.fromEntries(file.lines.flatMap((l) => (l.kind === "env" ? [[l.key, l.value]] : [])));
    for (const [name, value] of Object.entries(ours)) assert.equal(value, recording.envProbe.probe[name], name);
    assert.equal(Object.keys(ours).length, probeEnvLines.length);
  });

  it("cron's defaults are PATH=/usr/bin:/bin and SHELL=/bin/sh", () => {
    assert.equal(recording.envProbe.defaults.PATH, defaultPath);
    assert.equal(recording.envProbe.defaults.SHELL, "/bin/sh");
  });

  it("the lines whose value a shell would have changed are the ones we report", () => {
    const flagged = lintText("/etc/cron.d/probe", text, undefined, "cron").map(
      (d) => `${probeEnvLines[d.range.start.line]?.split(/\s*=/)[0]} ${d.rule}`,
    );
    assert.deepEqual(flagged.sort(), [
      "C cron/env-inline-comment",
      "E cron/env-quotes-kept",
      "F cron/env-not-expanded",
      "G cron/env-not-expanded",
      "MAIL_TO cron/mailto-typo",
      "PATH cron/env-not-expanded",
    ]);
  });
});
