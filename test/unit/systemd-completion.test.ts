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

describe("systemd completion does not offer what only replaces a setting", () => {
  it("leaves out a single-valued directive already set in the section, keeps lists and the line being typed", () => {
    const labels = at(service, "[Service]\nType=simple\nExecStart=/bin/a\nRestart=always\nRes|\n").labels();
    assert.ok(!labels.includes("Type"), "Type= is set: a second one replaces it");
    assert.ok(!labels.includes("Restart"), "Restart= is set");
    assert.ok(labels.includes("RestartSec"));
    assert.ok(labels.includes("ExecStart"), "ExecStart= accumulates (oneshot), so it is still offered");
    assert.ok(labels.includes("Environment"), "Environment= accumulates");
    assert.ok(at(service, "[Service]\nRest|art=always\n").labels().includes("Restart"), "the directive on the cursor's own line");
  });

  it("documents enum values in their own words", () => {
    const items = at(service, "[Service]\nType=|\n").completions();
    const oneshot = items.find((i) => i.label === "oneshot");
    assert.match(oneshot?.documentation ?? "", /completion/);
    assert.equal(oneshot?.detail, "Type=oneshot");
    const restart = at(service, "[Service]\nRestart=|\n").completions();
    assert.match(restart.find((i) => i.label === "on-failure")?.documentation ?? "", /non-zero exit/);
  });
});
