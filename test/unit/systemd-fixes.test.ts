import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { applyEdits } from "../helpers/language.js";
import { lintText } from "../helpers/lint.js";

/** Applies the preferred fix of the first diagnostic of a rule and returns the new text. */
function fix(path: string, text: string, rule: string): string {
  const d = lintText(path, text).find((x) => x.rule === rule);
  assert.ok(d, `no ${rule} diagnostic`);
  const f = d.fixes?.find((x) => x.preferred) ?? d.fixes?.[0];
  assert.ok(f, `${rule} has no fix`);
  return applyEdits(text, f.edits);
}

const service = "/etc/systemd/system/app.service";

describe("systemd quick fixes", () => {
  it("renames a misspelled directive", () => {
    assert.equal(
      fix(service, "[Service]\nExecStart=/bin/true\nRestrat=always\n", "systemd/unknown-directive"),
      "[Service]\nExecStart=/bin/true\nRestart=always\n",
    );
  });

  it("moves a directive to the section it belongs in", () => {
    assert.equal(
      fix(service, "[Unit]\nDescription=x\n[Service]\nAfter=network.target\nExecStart=/bin/true\n", "systemd/unknown-directive"),
      "[Unit]\nDescription=x\nAfter=network.target\n[Service]\nExecStart=/bin/true\n",
    );
  });

  it("creates the target section when the file lacks it", () => {
    assert.equal(
      fix(service, "[Service]\nExecStart=/bin/true\nWantedBy=multi-user.target\n", "systemd/unknown-directive"),
      "[Service]\nExecStart=/bin/true\n\n[Install]\nWantedBy=multi-user.target\n",
    );
  });

  it("renames a deprecated directive to its replacement", () => {
    assert.equal(
      fix(service, "[Service]\nExecStart=/bin/true\nMemoryLimit=1G\n", "systemd/deprecated-directive"),
      "[Service]\nExecStart=/bin/true\nMemoryMax=1G\n",
    );
  });

  it("moves a would-be comment to its own line", () => {
    assert.equal(
      fix(service, "[Service]\nExecStart=/bin/true\nRestart=always # keep it up\n", "systemd/comment-after-value"),
      "[Service]\nExecStart=/bin/true\n# keep it up\nRestart=always\n",
    );
  });

  it("clears ExecStart= in a drop-in before replacing it", () => {
    assert.equal(
      fix(
        "/etc/systemd/system/app.service.d/override.conf",
        "[Service]\nExecStart=/usr/bin/app --new\n",
        "systemd/dropin-exec-start-not-reset",
      ),
      "[Service]\nExecStart=\nExecStart=/usr/bin/app --new\n",
    );
  });

  it("adds Wants= for network-online.target", () => {
    assert.equal(
      fix(service, "[Unit]\nAfter=network-online.target\n[Service]\nExecStart=/bin/true\n", "systemd/network-online-without-wants"),
      "[Unit]\nAfter=network-online.target\nWants=network-online.target\n[Service]\nExecStart=/bin/true\n",
    );
  });

  it("renames a misspelled section", () => {
    assert.equal(fix(service, "[Servise]\nExecStart=/bin/true\n", "systemd/unknown-section"), "[Service]\nExecStart=/bin/true\n");
  });
});
