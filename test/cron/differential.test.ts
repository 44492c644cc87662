/**
 * Differential test against Debian's cron on the broken files of
 * test/fixtures/cron-differential: user crontabs as `crontab -n` sees them,
 * system crontabs as the daemon reads them from /etc/cron.d. We must reject
 * exactly the files cron rejects, at the line cron stops at. Where cron
 * accepts a clear mistake and we report an error, the file is listed below as
 * our addition; where cron rejects what we cannot know, as a limitation.
 * Cron's verdicts are recorded in verdicts.json (record-cron-verdicts.ts) and
 * compared live when Debian's cron can be run here.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { type CronVerdict, canRunDaemon, crontabVerdict, daemonVerdicts, ensureCron } from "./cron-tools.js";
import { brokenFiles, ourVerdict, type Recording, verdictsFile } from "./our-verdicts.js";

/** Files cron accepts but we reject, with the rule that says why. */
const additions: Record<string, string> = {
  "u40-nth-weekday.crontab": "cron/unsupported-syntax",
  "u41-random-after-value.crontab": "cron/unsupported-syntax",
  "u43-no-command.crontab": "cron/field-count",
  "u49-special-no-command.crontab": "cron/field-count",
  "s18-nth-weekday": "cron/unsupported-syntax",
  // The mark becomes part of the name: SHELL itself is never set.
  "s29-byte-order-mark": "cron/byte-order-mark",
};
/** Files cron rejects for reasons a linter cannot see. */
const limitations: Record<string, string> = {
  "s04-unknown-user": "whether a user exists depends on the host the file is deployed to",
};

const recording = JSON.parse(readFileSync(verdictsFile, "utf8")) as Recording;

function compare(kind: "user" | "system", cron: Record<string, CronVerdict>) {
  const tally = { agree: 0, additions: 0, limitations: 0, warningsOnAccepted: 0 };
  for (const [name, text] of Object.entries(brokenFiles(kind))) {
    const theirs = cron[name];
    assert.ok(theirs, `no cron verdict recorded for ${kind}/${name}; run test/cron/record-cron-verdicts.ts`);
    const { verdict: ours, diagnostics } = ourVerdict(kind, name, text);
    if (additions[name]) {
      assert.ok(theirs.accepted && !ours.accepted && ours.message === additions[name], `${name}: expected our addition ${additions[name]}`);
      tally.additions++;
    } else if (limitations[name]) {
      assert.ok(!theirs.accepted && ours.accepted, `${name}: expected the known limitation (${limitations[name]})`);
      tally.limitations++;
    } else {
      assert.equal(
        ours.accepted,
        theirs.accepted,
        `${kind}/${name}: cron ${theirs.accepted ? "accepts" : `rejects (${theirs.message})`}, we ${ours.accepted ? "accept" : `reject (${ours.message})`}`,
      );
      if (!theirs.accepted)
        assert.equal(
          ours.line,
          theirs.line,
          `${kind}/${name}: cron stops at line ${theirs.line} (${theirs.message}), our first error is on ${ours.line}`,
        );
      tally.agree++;
      if (theirs.accepted && diagnostics.length > 0) tally.warningsOnAccepted++;
    }
  }
  return tally;
}

describe("cron differential", () => {
  it("user crontabs: same verdict and line as crontab -n (recorded)", (t) => {
    const tally = compare("user", recording.user);
    t.diagnostic(`cron ${recording.cron}, user crontabs: ${JSON.stringify(tally)}`);
  });

  it("system crontabs: same verdict and line as the daemon (recorded)", (t) => {
    const tally = compare("system", recording.system);
    t.diagnostic(`cron ${recording.cron}, system crontabs: ${JSON.stringify(tally)}`);
  });

  const live = ensureCron() && canRunDaemon();
  it("the recording is what Debian's cron says today (live)", { skip: live ? false : "needs root, unshare and Debian's cron" }, () => {
    const user = Object.fromEntries(Object.entries(brokenFiles("user")).map(([n, text]) => [n, crontabVerdict(text)]));
    assert.deepEqual(user, recording.user);
    assert.deepEqual(daemonVerdicts(brokenFiles("system")), recording.system);
  });
});
