import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { at } from "../helpers/language.js";

const service = "/etc/systemd/system/app.service";

describe("systemd completion", () => {
  it("offers the section headers of the unit type after '['", () => {
    assert.deepEqual(at(service, "[|").labels(), ["[Unit]", "[Service]", "[Install]"]);
    assert.deepEqual(at("/etc/systemd/system/backup.timer", "[Unit]\n[T|").labels(), ["[Unit]", "[Timer]", "[Install]"]);
  });

  it("offers the directives of the current section, inserting 'Name='", () => {
    const items = at(service, "[Service]\nRes|").completions();
    const restart = items.find((i) => i.label === "Restart");
    assert.equal(restart?.insertText, "Restart=");
    assert.ok(items.some((i) => i.label === "ProtectSystem"));
    assert.ok(!items.some((i) => i.label === "Description"), "[Unit] directives do not belong in [Service]");
    assert.ok(!items.some((i) => i.label === "ReadWriteDirectories"), "legacy aliases are not offered");
  });

  it("offers enum values and booleans after '='", () => {
    assert.deepEqual(at(service, "[Service]\nType=|").labels(), [
      "simple",
      "forking",
      "oneshot",
      "dbus",
      "notify",
      "notify-reload",
      "idle",
      "exec",
    ]);
    assert.deepEqual(at(service, "[Service]\nPrivateTmp=|").labels(), ["yes", "no"]);
    assert.ok(at(service, "[Service]\nKillSignal=SIG|").labels().includes("SIGTERM"));
  });

  it("offers unit names from the workspace for dependency directives", () => {
    const labels = at(service, "[Unit]\nAfter=network.target |", ["db.service", "app.service"]).labels();
    assert.ok(labels.includes("db.service"));
    assert.ok(labels.includes("network-online.target"));
    assert.ok(!labels.includes("app.service"), "a unit does not depend on itself");
  });

  it("offers specifiers after '%'", () => {
    const items = at(service, "[Service]\nExecStart=/usr/bin/app --name %|").completions();
    const n = items.find((i) => i.label === "%n");
    assert.ok(n?.detail?.includes("unit name"), JSON.stringify(n));
  });

  it("offers nothing inside comments", () => {
    assert.deepEqual(at(service, "[Service]\n# Res|").labels(), []);
  });
});
