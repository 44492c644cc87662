import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { allRules } from "../../server/src/core/languages.js";
import { defaultSettings, settingsFromConfiguration, settingsSchema } from "../../server/src/core/settings.js";
import { localizedManifest } from "../helpers/manifest.js";

// As VS Code shows it: descriptions come from package.nls.json.
const manifest = localizedManifest<{
  contributes: { configuration: { properties: Record<string, unknown> } };
}>();

describe("settings", () => {
  it("package.json contributes exactly the settings of the schema", () => {
    assert.deepEqual(manifest.contributes.configuration.properties, settingsSchema);
  });

  it("reads the VS Code section shape, ignoring junk", () => {
    assert.deepEqual(
      settingsFromConfiguration({ systemd: { version: 252 }, rules: { "systemd/invalid-value": "off", "systemd/x": "loud" } }),
      {
        systemd: { version: 252, exposureThreshold: 7.5 },
        rules: { "systemd/invalid-value": "off" },
        cron: { dialect: "debian" },
        netplan: { version: "0.106" },
        logrotate: { version: "3.21.0" },
      },
    );
    assert.equal(settingsFromConfiguration({ netplan: { version: "1.2.2" } }).netplan?.version, "1.2.2");
    assert.equal(settingsFromConfiguration({ netplan: { version: "9" } }).netplan?.version, "0.106");
    assert.deepEqual(settingsFromConfiguration({ logrotate: { version: "3.22.0" } }).logrotate, { version: "3.22.0" });
    assert.deepEqual(settingsFromConfiguration({ logrotate: { version: "4.0" } }).logrotate, { version: "3.21.0" });
    assert.deepEqual(settingsFromConfiguration(undefined), defaultSettings);
    assert.deepEqual(settingsFromConfiguration({ systemd: { version: "252" } }), defaultSettings);
    assert.equal(settingsFromConfiguration({ systemd: { exposureThreshold: 5 } }).systemd.exposureThreshold, 5);
    assert.equal(settingsFromConfiguration({ systemd: { exposureThreshold: 11 } }).systemd.exposureThreshold, 7.5);
  });

  it("rule ids are unique and documented", () => {
    const ids = allRules().map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const r of allRules()) assert.ok(r.doc.length > 20 && /^[a-z]+\/[a-z0-9-]+$/.test(r.id), r.id);
  });
});
