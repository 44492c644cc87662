import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { lintText } from "../helpers/lint.js";

const service = "[Service]\nExecStart=/usr/local/bin/report\nRestart=always\n";
const rule = "systemd/timer-service-restarts";
const found = (text: string, workspace: string[]) =>
  lintText("/etc/systemd/system/report.service", text, undefined, undefined, workspace).filter((d) => d.rule === rule);

describe("systemd/timer-service-restarts (needs the workspace)", () => {
  it("reports Restart=always in a service whose timer is in the workspace", () => {
    const hits = found(service, ["report.service", "report.timer"]);
    assert.equal(hits.length, 1);
    assert.match(hits[0]?.message ?? "", /report\.timer starts this service/);
    assert.equal(hits[0]?.range.start.line, 2);
  });
  it("stays quiet without that timer, with Restart=on-failure, and for Type=oneshot (refused elsewhere)", () => {
    assert.deepEqual(found(service, ["report.service", "other.timer"]), []);
    assert.deepEqual(found(service.replace("always", "on-failure"), ["report.service", "report.timer"]), []);
    assert.deepEqual(found(`${service}Type=oneshot\n`, ["report.service", "report.timer"]), []);
  });
});
