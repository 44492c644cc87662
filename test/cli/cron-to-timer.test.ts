/**
 * `etcetera cron to-timer --out DIR` writes units named after the job's
 * program, and never over a unit that exists: nothing is lost.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { bundlePath, ensureBundle } from "../helpers/bundle.js";

describe("etcetera cron to-timer --out", () => {
  let dir: string;
  const cron = (...args: string[]) => spawnSync(process.execPath, [bundlePath, "cron", "to-timer", ...args], { encoding: "utf8" });

  before(() => {
    ensureBundle();
    dir = mkdtempSync(join(tmpdir(), "etcetera-to-timer-"));
    writeFileSync(join(dir, "jobs"), "15 3 * * * /usr/local/bin/rotate-archive --keep 7\n");
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("writes NAME.timer and NAME.service named after the program", () => {
    const r = cron("--out", dir, join(dir, "jobs"));
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(readdirSync(dir).sort(), ["cron-rotate-archive.service", "cron-rotate-archive.timer", "jobs"]);
    assert.match(readFileSync(join(dir, "cron-rotate-archive.timer"), "utf8"), /^OnCalendar=\*-\*-\* 03:15:00$/m);
  });

  it("refuses to replace a unit that exists, exits 1 and leaves both files as they were", () => {
    writeFileSync(join(dir, "cron-rotate-archive.service"), "# mine\n");
    rmSync(join(dir, "cron-rotate-archive.timer"));
    const r = cron("--out", dir, join(dir, "jobs"));
    assert.equal(r.status, 1);
    assert.match(r.stderr, /cron-rotate-archive\.service: not written: a unit of that name exists/);
    assert.equal(readFileSync(join(dir, "cron-rotate-archive.service"), "utf8"), "# mine\n");
    assert.deepEqual(readdirSync(dir).sort(), ["cron-rotate-archive.service", "jobs"], "the timer written first is taken back");
  });
});
