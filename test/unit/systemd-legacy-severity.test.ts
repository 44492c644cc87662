/**
 * What systemd 252 takes silently must not be an error or a warning: old
 * directive names, [Service] copies of [Unit] settings and deprecated
 * directives it still honours are information (Debian ships many of them);
 * a directive it only ignores is a warning, since the setting has no effect.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { lintText } from "../helpers/lint.js";

describe("severity of old and removed directives", () => {
  it("old spellings systemd honours are information only", () => {
    const path = "test/fixtures/systemd/deprecated-directive/silent-legacy.service";
    const ds = lintText(`/etc/systemd/system/silent-legacy.service`, readFileSync(path, "utf8"));
    assert.ok(ds.length >= 6);
    for (const d of ds) assert.deepEqual([d.rule, d.severity], ["systemd/deprecated-directive", "info"], d.message);
  });

  it("a removed directive that systemd ignores is a warning", () => {
    const ds = lintText("/etc/systemd/system/a.service", "[Service]\nExecStart=/bin/true\nCapabilities=cap_net_raw+ep\n");
    assert.deepEqual(
      ds.map((d) => [d.rule, d.severity]),
      [["systemd/removed-directive", "warning"]],
    );
  });
});
