/**
 * The exposure score's editor-side helpers and the opt-in rule: the rule is
 * off until configured, its quick fixes each add one setting and lower the
 * score by what their titles say, and hardening options are ordered by gain.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import type { Diagnostic } from "../../server/src/core/diagnostic.js";
import { defaultSettings, type Settings } from "../../server/src/core/settings.js";
import { parseUnitFile } from "../../server/src/languages/systemd/parser.js";
import { securityHover } from "../../server/src/languages/systemd/security/editor.js";
import { hardeningOptions } from "../../server/src/languages/systemd/security/hardening.js";
import { scoreService } from "../../server/src/languages/systemd/security/index.js";
import { lintText } from "../helpers/lint.js";

const plain = "[Unit]\nDescription=x\n\n[Service]\nExecStart=/usr/bin/app\n\n[Install]\nWantedBy=multi-user.target\n";
const enabled: Settings = { ...defaultSettings, rules: { "systemd/exposure-above": "warning" } };

function apply(text: string, d: Diagnostic, index: number): string {
  const edit = d.fixes?.[index]?.edits[0];
  assert.ok(edit);
  const lines = text.split("\n");
  const line = lines[edit.range.start.line] ?? "";
  lines[edit.range.start.line] = line.slice(0, edit.range.start.character) + edit.newText + line.slice(edit.range.end.character);
  return lines.join("\n");
}

const exposure = (path: string, text: string) => {
  const o = scoreService({ path, text });
  assert.equal(o.kind, "score");
  return o.kind === "score" ? o.score.exposureTenths : -1;
};

describe("exposure score in lint and the editor", () => {
  it("systemd/exposure-above is off until the settings give it a severity", () => {
    assert.deepEqual(
      lintText("/etc/systemd/system/app.service", plain, defaultSettings, "systemd").filter((d) => d.rule === "systemd/exposure-above"),
      [],
    );
    const [d] = lintText("/etc/systemd/system/app.service", plain, enabled, "systemd").filter((x) => x.rule === "systemd/exposure-above");
    assert.equal(d?.severity, "warning");
    assert.match(d?.message ?? "", /Exposure 9\.6 UNSAFE .* above the threshold 7\.5/);
  });

  it("each quick fix adds one setting below [Service] and lowers the score by the amount in its title", () => {
    const path = "/etc/systemd/system/app.service";
    const [d] = lintText(path, plain, enabled, "systemd").filter((x) => x.rule === "systemd/exposure-above");
    assert.ok(d?.fixes && d.fixes.length >= 5);
    d.fixes.forEach((fix, i) => {
      const m = /^Add (\S+=.*): −(\d+\.\d)$/.exec(fix.title);
      assert.ok(m, fix.title);
      const fixed = apply(plain, d, i);
      assert.match(fixed, new RegExp(`ExecStart=/usr/bin/app\\n${(m[1] as string).replace(/[.*+?^${}()|[\]\\~]/g, "\\$&")}\\n`));
      assert.equal(exposure(path, plain) - exposure(path, fixed), Math.round(Number(m[2]) * 10), fix.title);
    });
  });

  it("hardening options come biggest gain first and only when they lower the score", () => {
    const input = { path: "/x/app.service", text: plain };
    const o = scoreService(input);
    assert.equal(o.kind, "score");
    if (o.kind !== "score") return;
    const options = hardeningOptions(input, o.score);
    assert.ok(options.every((h, i) => h.gainTenths > 0 && (i === 0 || (options[i - 1]?.gainTenths ?? 0) >= h.gainTenths)));
    assert.equal(options[0]?.setting, "DynamicUser=yes");
  });

  it("a user unit is scored with the user manager's keyring default", () => {
    const system = scoreService({ path: "/etc/systemd/system/a.service", text: plain, scope: "system" });
    const user = scoreService({ path: "/etc/systemd/user/a.service", text: plain, scope: "user" });
    assert.ok(system.kind === "score" && user.kind === "score");
    const keyring = (o: typeof system) =>
      o.kind === "score" ? o.score.results.find((r) => r.check.id === "KeyringMode")?.badness : undefined;
    assert.deepEqual([keyring(system), keyring(user)], [0, 1]);
  });

  it("never throws on arbitrary unit text", () => {
    for (const text of [
      "",
      "[Service]\n",
      "[Service]\nExecStart=/x\nCapabilityBoundingSet=~\u0000\nSystemCallFilter=~@nonexistent:EPERM\nUser=%",
      "garbage\n[Ser",
    ]) {
      const o = scoreService({ path: "/x/a.service", text });
      assert.ok(["score", "refused"].includes(o.kind));
    }
    assert.equal(scoreService({ path: "/x/a.socket", text: "[Socket]\nListenStream=1\n" }).kind, "not-a-service");
    assert.equal(parseUnitFile("").sections.length, 0);
  });
});

describe("exposure score of a drop-in", () => {
  it("scores the unit with the drop-in applied, and its fixes go into the drop-in", () => {
    const workspace = { unitNames: () => ["app.service"], unitText: (n: string) => (n === "app.service" ? plain : undefined) };
    const dropIn = "[Service]\nProtectSystem=strict\n";
    const [d] = lintText("/etc/systemd/system/app.service.d/harden.conf", dropIn, enabled, "systemd", workspace).filter(
      (x) => x.rule === "systemd/exposure-above",
    );
    assert.match(d?.message ?? "", /Exposure 9\.4 UNSAFE/);
    assert.equal(d?.range.start.line, 0);
    assert.ok(d?.fixes?.every((f) => f.edits[0]?.range.start.line === 2 || f.edits[0]?.range.start.line === 1));
    assert.deepEqual(lintText("/etc/systemd/system/other.service.d/x.conf", dropIn, enabled, "systemd", workspace), []);
  });
});

describe("exposure score on arbitrary input", () => {
  const keys = [
    "User",
    "DynamicUser",
    "CapabilityBoundingSet",
    "AmbientCapabilities",
    "SystemCallFilter",
    "SystemCallArchitectures",
    "RestrictAddressFamilies",
    "RestrictNamespaces",
    "IPAddressDeny",
    "IPAddressAllow",
    "DeviceAllow",
    "DevicePolicy",
    "UMask",
    "ProtectSystem",
    "ProtectHome",
    "ExecStart",
    "Type",
    "Delegate",
    "SupplementaryGroups",
    "RootImage",
    "ProtectClock",
  ];
  const value = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.constantFrom(
      "",
      "~",
      "yes",
      "no",
      "~@mount @swap:EPERM",
      "@system-service",
      "none",
      "AF_INET ~AF_UNIX",
      "%i",
      "0",
      "0777",
      "any localhost ::1/128",
      "char-rtc rwm",
      "~user mnt",
    ),
  );
  const unitText = fc
    .array(fc.tuple(fc.constantFrom(...keys), value), { maxLength: 25 })
    .map((lines) => `[Service]\nExecStart=/bin/true\n${lines.map(([k, v]) => `${k}=${v}`).join("\n")}\n`);

  it("always returns a score or a refusal, with every exposure within 0..10", () => {
    fc.assert(
      fc.property(unitText, fc.constantFrom<"system" | "user">("system", "user"), (text, scope) => {
        const o = scoreService({ path: "/etc/systemd/system/x@.service", text, scope });
        if (o.kind !== "score") return o.kind === "refused";
        return o.score.exposureTenths >= 0 && o.score.exposureTenths <= 100 && o.score.results.length === 81;
      }),
      { numRuns: 300 },
    );
  });
});

describe("exposure hover and the target version", () => {
  it("says when the target systemd version scores with other checks", () => {
    const ctx = (version: number | null) => ({
      path: "/etc/systemd/system/app.service",
      settings: { ...defaultSettings, systemd: { ...defaultSettings.systemd, version } },
      workspace: { unitNames: () => [] },
    });
    const unit = parseUnitFile(plain);
    assert.doesNotMatch(securityHover(unit, { line: 3, character: 2 }, ctx(252)) ?? "", /may score differently/);
    assert.match(securityHover(unit, { line: 3, character: 2 }, ctx(247)) ?? "", /systemd 247 .* may score differently/);
    assert.equal(securityHover(unit, { line: 0, character: 2 }, ctx(null)), undefined);
  });
});
