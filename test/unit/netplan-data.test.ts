import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { generate, outputFile, sharedDataDir } from "../../server/scripts/generate-netplan-data.js";
import { schemaAt } from "../../server/src/languages/netplan/completion.js";
import { childOf, deviceTypes, knownKeys, schemaRoot } from "../../server/src/languages/netplan/data.js";

describe("netplan key table", () => {
  it("is generated from ../shared/data and up to date (node --import tsx server/scripts/generate-netplan-data.ts)", {
    skip: existsSync(sharedDataDir) ? false : "../shared/data is not beside this checkout",
  }, () => {
    assert.equal(readFileSync(outputFile, "utf8"), generate());
  });

  it("knows device types, keys per place, enums, deprecations and Debian 12's keys", () => {
    assert.deepEqual(knownKeys(schemaRoot), ["network"]);
    for (const t of ["ethernets", "wifis", "bonds", "bridges", "vlans", "tunnels", "vrfs"]) assert.ok(deviceTypes().includes(t), t);
    const eth = schemaAt(["network", "ethernets", "eth0"]);
    assert.ok(eth && knownKeys(eth).includes("dhcp4") && !knownKeys(eth).includes("interfaces"));
    assert.deepEqual(schemaAt(["network", "ethernets", "eth0", "routes", "[]", "scope"])?.info?.values, ["global", "link", "host"]);
    assert.equal(schemaAt(["network", "ethernets", "eth0", "gateway4"])?.info?.deprecated, "yes");
    assert.equal(schemaAt(["network", "bridges", "br0", "hairpin"])?.info?.debian, false);
    assert.deepEqual(schemaAt(["network", "wifis", "w", "access-points", "home", "band"])?.info?.values, ["5GHz", "2.4GHz", "5G", "2.4G"]);
    assert.ok(schemaAt(["network", "vlans", "v", "renderer"])?.info?.values?.includes("sriov"));
    assert.ok(!schemaAt(["network", "ethernets", "e", "renderer"])?.info?.values?.includes("sriov"));
    assert.equal(childOf(schemaRoot, "nope"), undefined);
  });
});
