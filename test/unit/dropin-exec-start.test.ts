/**
 * systemd/dropin-exec-start-not-reset speaks only when the drop-in's unit file is not in the workspace, so
 * it cannot know whether the unit is Type=oneshot (where a second ExecStart= is legal; systemd accepts the
 * case test/fixtures/unit-set/oneshot-dropin-exec) or not (refused: dropin-second-exec). It says so at info;
 * with the unit file at hand, systemd/unit-refused decides for certain and this rule stays quiet.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, describe, it } from "node:test";
import { UnitNameIndex } from "../../server/src/features/workspace-index.js";
import { lintText } from "../helpers/lint.js";

const rule = "systemd/dropin-exec-start-not-reset";
const dropIn = "[Service]\nExecStart=/usr/local/bin/report --verbose\n";
const tmp = mkdtempSync(join(tmpdir(), "etcetera-dropin-exec-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** Lints the drop-in of report.service in a host tree holding `files` (path under the tree → text). */
async function lintDropIn(tree: string, files: Record<string, string>) {
  const root = join(tmp, tree);
  const path = join(root, "etc/systemd/system/report.service.d/override.conf");
  for (const [rel, text] of Object.entries({ ...files, "etc/systemd/system/report.service.d/override.conf": dropIn })) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  const workspace = await UnitNameIndex.forFiles([path, ...Object.keys(files).map((rel) => join(root, rel))]);
  return lintText(path, dropIn, undefined, "systemd", workspace).filter((d) => d.rule === rule || d.rule === "systemd/unit-refused");
}

describe("systemd/dropin-exec-start-not-reset: certainty follows what the workspace holds", () => {
  it("without the unit file: an info that names the unit and the condition (not Type=oneshot)", async () => {
    const found = await lintDropIn("unknown", {});
    assert.equal(found.length, 1);
    assert.equal(found[0]?.rule, rule);
    assert.equal(found[0]?.severity, "info");
    assert.match(
      found[0]?.message ?? "",
      /report\.service's file is not in the workspace: if it has an ExecStart= and is not Type=oneshot/,
    );
  });

  it("with a Type=oneshot unit file: nothing (systemd accepts two ExecStart=)", async () => {
    const found = await lintDropIn("oneshot", { "lib/systemd/system/report.service": "[Service]\nType=oneshot\nExecStart=/bin/true\n" });
    assert.deepEqual(found, []);
  });

  it("with a Type=simple unit file: systemd/unit-refused reports the refusal as an error, this rule stays quiet", async () => {
    const found = await lintDropIn("simple", { "lib/systemd/system/report.service": "[Service]\nExecStart=/bin/true\n" });
    assert.deepEqual(
      found.map((d) => [d.rule, d.severity]),
      [["systemd/unit-refused", "error"]],
    );
  });

  it("a drop-in for every service (service.d/) says it applies to each", () => {
    const found = lintText("/etc/systemd/system/service.d/exec.conf", dropIn, undefined, "systemd").filter((d) => d.rule === rule);
    assert.equal(found.length, 1);
    assert.match(found[0]?.message ?? "", /applies to every service/);
  });
});
