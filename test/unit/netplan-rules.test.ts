/**
 * Every rule's fixture folder, test/fixtures/netplan/<rule-id>/, holds netplan
 * files whose comments state the diagnostics they must produce (see
 * test/helpers/expectations.ts); clean/ holds files with none. Each is linted
 * as /etc/netplan/<name>.
 */
import assert from "node:assert/strict";
import { basename } from "node:path";
import { describe, it } from "node:test";
import { detectKind } from "../../server/src/core/registry.js";
import { netplanLanguage } from "../../server/src/languages/netplan/index.js";
import { ruleFixtureSuites } from "../helpers/fixtures.js";
import { applyEdits } from "../helpers/language.js";
import { lintText } from "../helpers/lint.js";

const root = "test/fixtures/netplan";

describe("netplan rules", () => {
  ruleFixtureSuites(root, netplanLanguage.rules, { pathFor: (rel) => `/etc/netplan/${basename(rel)}`, kind: "netplan" });

  it("detects netplan files by their folder only", () => {
    assert.equal(detectKind("/etc/netplan/01-netcfg.yaml"), "netplan");
    assert.equal(detectKind("/lib/netplan/00-default.yml"), "netplan");
    assert.equal(detectKind("/srv/app/config.yaml"), undefined);
    assert.equal(detectKind("/etc/netplan/README"), undefined);
  });

  it("never throws, whatever the input", () => {
    for (const text of [
      "",
      "\0\x01\xff",
      "network: [",
      "network:\n  ethernets:\n    eth0: *nope\n",
      "&a [*a]",
      "---\n---\n",
      "network: !!binary x",
    ])
      assert.doesNotThrow(() => lintText("/etc/netplan/x.yaml", text));
  });

  it("replaces gateway4 with a default route, or appends it to routes:", () => {
    const fixed = (text: string) => {
      const d = lintText("/etc/netplan/x.yaml", text).find((x) => x.rule === "netplan/deprecated-gateway");
      const fix = d?.fixes?.[0];
      assert.ok(fix, "a quick fix");
      return applyEdits(text, fix.edits);
    };
    assert.equal(
      fixed("network:\n  ethernets:\n    eth0:\n      addresses: [10.0.0.2/24]\n      gateway4: 10.0.0.1\n"),
      "network:\n  ethernets:\n    eth0:\n      addresses: [10.0.0.2/24]\n      routes:\n        - to: default\n          via: 10.0.0.1\n",
    );
    assert.equal(
      fixed(
        "network:\n  ethernets:\n    eth0:\n      gateway4: 10.0.0.1\n      routes:\n      - to: 10.9.0.0/16\n        via: 10.0.0.9\n      mtu: 1500\n",
      ),
      "network:\n  ethernets:\n    eth0:\n      routes:\n      - to: 10.9.0.0/16\n        via: 10.0.0.9\n      - to: default\n        via: 10.0.0.1\n      mtu: 1500\n",
    );
    const both =
      'network:\n  version: 2\n  ethernets:\n    eth0:\n      addresses: [10.0.0.2/24]\n      gateway4: 10.0.0.1\n      gateway6: "fe80::1"\n';
    const after = fixed(both);
    assert.equal(
      after,
      'network:\n  version: 2\n  ethernets:\n    eth0:\n      addresses: [10.0.0.2/24]\n      routes:\n        - to: default\n          via: 10.0.0.1\n        - to: default\n          via: "fe80::1"\n',
    );
    assert.deepEqual(lintText("/etc/netplan/x.yaml", after), []);
  });

  it("offers the did-you-mean as a quick fix", () => {
    const d = lintText("/etc/netplan/x.yaml", "network:\n  version: 2\n  ethernets:\n    eth0:\n      dhcp5: true\n")[0];
    assert.deepEqual(d?.fixes?.[0]?.edits, [{ range: d?.range, newText: "dhcp4" }]);
  });
});
