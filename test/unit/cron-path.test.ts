/** Which crontab a path is: the file name is the last path component, and '\' is part of a name on Linux. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { describeCronPath } from "../../server/src/languages/cron/context.js";

describe("describeCronPath", () => {
  it("reads a cron.d file as a system crontab", () => {
    assert.deepEqual(describeCronPath("/etc/cron.d/backup"), { system: true, inCronD: true, fileName: "backup" });
  });
  it("reads /etc/crontab as the system crontab", () => {
    assert.deepEqual(describeCronPath("/etc/crontab"), { system: true, inCronD: false, fileName: "crontab" });
  });
  it("keeps a backslash in a Linux file name instead of splitting on it", () => {
    assert.deepEqual(describeCronPath("/etc/cron.d/nightly\\x2dbackup"), { system: true, inCronD: true, fileName: "nightly\\x2dbackup" });
  });
  it("splits a Windows path on backslashes", () => {
    assert.deepEqual(describeCronPath("C:\\repo\\etc\\cron.d\\backup"), { system: true, inCronD: true, fileName: "backup" });
  });
  it("reads a user crontab as per-user", () => {
    assert.deepEqual(describeCronPath("/var/spool/cron/crontabs/alice"), { system: false, inCronD: false, fileName: "alice" });
  });
});
