import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { defaultSettings } from "../../server/src/core/settings.js";
import { schemaAt } from "../../server/src/languages/netplan/completion.js";
import { allKeys, keyDoc, type SchemaNode } from "../../server/src/languages/netplan/data.js";
import { keyMarkdown } from "../../server/src/languages/netplan/hover.js";
import { netplanLanguage } from "../../server/src/languages/netplan/index.js";
import { parseNetplan } from "../../server/src/languages/netplan/parser.js";
import { at } from "../helpers/language.js";
import { cursor, lintText } from "../helpers/lint.js";

const path = "/etc/netplan/50-cloud-init.yaml";

describe("netplan completion, hover, outline", () => {
  it("completes the keys valid at the cursor's path", () => {
    assert.deepEqual(at(path, "|").labels(), ["network"]);
    const top = at(path, "network:\n  |").labels();
    assert.ok(top.includes("ethernets") && top.includes("version") && top.includes("renderer"));
    const device = at(path, "network:\n  ethernets:\n    eth0:\n      dhcp4: true\n      |").labels();
    assert.ok(device.includes("addresses") && device.includes("routes") && !device.includes("interfaces"));
    const route = at(path, "network:\n  ethernets:\n    eth0:\n      routes:\n        - to: default\n          v|").labels();
    assert.ok(route.includes("via") && route.includes("metric") && !route.includes("dhcp4"), route.join(","));
    const bond = at(path, "network:\n  bonds:\n    bond0:\n      parameters:\n        |").labels();
    assert.ok(bond.includes("mode") && bond.includes("lacp-rate"));
  });

  it("offers keys newer than netplan 0.106 only for a newer target version", () => {
    const { text, position } = cursor("network:\n  bridges:\n    br0:\n      |");
    const doc = parseNetplan(text);
    const labels = (version: "0.106" | "1.2.2") =>
      netplanLanguage
        .complete(doc, position, { path, settings: { ...defaultSettings, netplan: { version } }, workspace: { unitNames: () => [] } })
        .map((c) => c.label);
    assert.ok(!labels("0.106").includes("hairpin") && labels("0.106").includes("interfaces"));
    assert.ok(labels("1.2.2").includes("hairpin"));
  });

  it("completes enum values and booleans", () => {
    assert.deepEqual(at(path, "network:\n  renderer: |").labels(), ["networkd", "NetworkManager"]);
    assert.deepEqual(at(path, "network:\n  ethernets:\n    eth0:\n      dhcp4: |").labels(), ["true", "false"]);
    const scope = at(path, "network:\n  ethernets:\n    eth0:\n      routes:\n        - to: default\n          scope: |").labels();
    assert.deepEqual(scope, ["global", "link", "host"]);
  });

  it("explains a key on hover, with the link to the reference", () => {
    const text = "network:\n  ethernets:\n    eth0:\n      ipv6-mtu: 1400\n      gateway4: 10.0.0.1\n";
    const h = at(path, text.replace("ipv6-mtu", "ipv6-m|tu")).hover();
    assert.match(h?.contents ?? "", /\*\*ipv6\\-mtu\*\*/);
    assert.match(h?.contents ?? "", /networkd only/);
    assert.match(h?.contents ?? "", /Versions: netplan 0\.98 and later\. Debian 12's 0\.106 has it/);
    assert.match(h?.contents ?? "", /https:\/\/netplan\.readthedocs\.io\/en\/stable\/netplan-yaml\//);
    assert.match(at(path, text.replace("gateway4", "gate|way4")).hover()?.contents ?? "", /Deprecated: use routes/);
    const r = at(path, "network:\n  renderer: networkd\n".replace("renderer", "ren|derer")).hover();
    assert.match(r?.contents ?? "", /`NetworkManager`/);
  });

  it("gives every key of the table a meaning, and shows meaning, type, values, default, renderers and versions", () => {
    for (const info of allKeys()) assert.ok(keyDoc(info), `no meaning for ${info.path}`);
    const h = at(path, "network:\n  bonds:\n    bond0:\n      parameters:\n        lacp-r|ate: fast\n").hover()?.contents ?? "";
    assert.match(h, /how often the partner sends LACPDUs/i);
    assert.match(h, /Type: one of the values below/);
    assert.match(h, /Values: `slow`, `fast`/);
    assert.match(h, /Default: slow/);
    assert.match(h, /Renderers: networkd and NetworkManager/);
    assert.match(h, /Versions: netplan/);
    // The meaning depends on the place: a VLAN's id is its tag, a tunnel's its VNI.
    assert.match(at(path, "network:\n  vlans:\n    v10:\n      i|d: 10\n").hover()?.contents ?? "", /VLAN tag/);
    assert.match(at(path, "network:\n  tunnels:\n    vx:\n      i|d: 10\n").hover()?.contents ?? "", /VNI/);
    assert.match(at(path, "network:\n  ethernets:\n    eth0:\n      dhc|p4: true\n").hover()?.contents ?? "", /Default: false/);
  });

  it("escapes the names written in the file (IDs, SSIDs) in hover Markdown", () => {
    const h = at(path, 'network:\n  wifis:\n    wl0:\n      access-points:\n        "my_*ho|me*_net":\n          password: x\n').hover();
    assert.ok(h?.contents.startsWith("**my\\_\\*home\\*\\_net**"), h?.contents);
    const md = keyMarkdown("eth_*0*_x", schemaAt(["network", "ethernets", "eth0", "dhcp4"]) as SchemaNode);
    assert.ok(md.startsWith("**eth\\_\\*0\\*\\_x**"), md.split("\n")[0]);
  });

  it("outlines network, device types and devices, and folds blocks", () => {
    const doc = parseNetplan(
      "network:\n  version: 2\n  ethernets:\n    eth0:\n      dhcp4: true\n  bonds:\n    bond0:\n      interfaces: [eth0]\n",
    );
    const [network] = netplanLanguage.symbols(doc);
    assert.equal(network?.name, "network");
    assert.deepEqual(
      network?.children?.map((c) => [c.name, c.children?.map((d) => d.name)]),
      [
        ["version", []],
        ["ethernets", ["eth0"]],
        ["bonds", ["bond0"]],
      ],
    );
    assert.deepEqual(network?.range, { start: { line: 0, character: 0 }, end: { line: 7, character: 24 } });
    const folds = netplanLanguage.folding(doc).map((f) => [f.startLine, f.endLine]);
    assert.deepEqual(folds, [
      [0, 7],
      [2, 4],
      [3, 4],
      [5, 7],
      [6, 7],
    ]);
  });
});

const netplan = "/usr/sbin/netplan";

/** netplan generate on one file in a fresh root; true when it accepts the file. */
function accepts(file: string): { ok: boolean; output: string } {
  const root = mkdtempSync(join(tmpdir(), "netplan-"));
  try {
    mkdirSync(join(root, "etc/netplan"), { recursive: true });
    const target = join(root, "etc/netplan", file.split("/").pop() as string);
    cpSync(file, target);
    chmodSync(target, 0o600);
    const r = spawnSync(netplan, ["generate", "--root-dir", root], { encoding: "utf8" });
    return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

describe("netplan generate (Debian 12's netplan 0.106) agrees with the fixtures", {
  skip: existsSync(netplan) ? false : `${netplan} is not installed`,
}, () => {
  const dir = "test/fixtures/netplan";
  const files = (folder: string) => readdirSync(join(dir, folder)).map((f) => join(dir, folder, f));
  /** The rules about mistakes netplan accepts: their fixtures must pass netplan, or they would not be beyond it. */
  const accepted = [
    "gateway-outside-subnet",
    "duplicate-address",
    "host-bits-set",
    "member-with-addresses",
    "missing-version",
    "duplicate-key",
    "bridge-timer-units",
    "interface-name-too-long",
    "mtu-too-small-for-ipv6",
    "conflicting-default-routes",
    "unusable-gateway",
    "vlan-mtu-above-link",
    "duplicate-match",
    "overrides-without-dhcp",
    "table-without-rule",
    "dhcp-and-static",
    "spare-interface-not-optional",
    "address-not-a-host",
    "multicast-mac",
  ];
  for (const file of [...files("clean"), ...files("deprecated-gateway"), ...accepted.flatMap(files)])
    it(`accepts ${file}`, () => {
      const r = accepts(file);
      assert.ok(r.ok, r.output);
    });
  for (const file of [...files("unknown-key"), ...files("invalid-value"), ...files("yaml-syntax"), ...files("not-in-debian-netplan")])
    it(`rejects ${file}`, () => {
      assert.equal(accepts(file).ok, false);
    });
});

describe("netplan files on disk", () => {
  it("warns on a group- or world-readable file, as netplan does, and checks a file with its folder", () => {
    const root = mkdtempSync(join(tmpdir(), "netplan-folder-"));
    try {
      const dir = join(root, "etc/netplan");
      mkdirSync(dir, { recursive: true });
      const first = join(dir, "01-eth.yaml");
      const second = join(dir, "50-bond.yaml");
      writeFileSync(first, "network:\n  version: 2\n  ethernets:\n    eth0: {}\n");
      writeFileSync(second, "network:\n  version: 2\n  bonds:\n    bond0:\n      interfaces: [eth0, eth1]\n");
      chmodSync(first, 0o644);
      chmodSync(second, 0o600);
      const lint = (p: string) => lintText(p, readFileSync(p, "utf8"));
      assert.deepEqual(
        lint(first).map((d) => d.rule),
        ["netplan/file-permissions"],
      );
      // eth0 comes from 01-eth.yaml, read before; eth1 is defined nowhere.
      const bond = lint(second);
      assert.deepEqual(
        bond.map((d) => [d.rule, d.range.start.line, d.message.includes("'eth1'")]),
        [["netplan/undefined-interface", 4, true]],
      );
      // Defined only in a file netplan reads later: netplan 0.106 rejects the earlier file.
      writeFileSync(join(dir, "99-eth1.yaml"), "network:\n  version: 2\n  ethernets:\n    eth1: {}\n");
      assert.match(lint(second)[0]?.message ?? "", /defined in 99-eth1\.yaml, which netplan reads after this file/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("a later file that gives an interface another gateway4: an error for 0.106 (it aborts), nothing for 1.2.2 (it replaces)", () => {
    const cloud = "network:\n  version: 2\n  ethernets:\n    eth0:\n      addresses: [192.168.1.5/24]\n      gateway4: 192.168.1.1\n";
    const override = (gw: string) => `network:\n  version: 2\n  ethernets:\n    eth0:\n      gateway4: ${gw}\n`;
    const lintOverride = (gw: string, settings = defaultSettings) =>
      lintText("/etc/netplan/99-gw.yaml", override(gw), settings, "netplan", {
        unitNames: () => [],
        netplanFolder: () => [{ path: "/etc/netplan/50-cloud-init.yaml", text: cloud }],
      }).filter((d) => d.rule !== "netplan/deprecated-gateway");
    const [abort, ...rest] = lintOverride("192.168.1.254");
    assert.deepEqual(rest, []);
    assert.equal(abort?.rule, "netplan/duplicate-setting");
    assert.equal(abort?.severity, "error");
    assert.equal(abort?.range.start.line, 4);
    assert.match(abort?.message ?? "", /eth0: gateway4 is already 192\.168\.1\.1 \(50-cloud-init\.yaml\)/);
    assert.deepEqual(lintOverride("192.168.1.1"), [], "the same value again is accepted");
    assert.deepEqual(lintOverride("192.168.1.254", { ...defaultSettings, netplan: { version: "1.2.2" } }), []);
  });

  it("follows the target version: a 1.0 key is an error for 0.106 and fine for 1.2.2", () => {
    const text = "network:\n  version: 2\n  bridges:\n    br0:\n      interfaces: []\n      hairpin: true\n";
    assert.deepEqual(
      lintText("/etc/netplan/x.yaml", text).map((d) => d.rule),
      ["netplan/not-in-debian-netplan"],
    );
    assert.deepEqual(lintText("/etc/netplan/x.yaml", text, { ...defaultSettings, netplan: { version: "1.2.2" } }), []);
    const mac = "network:\n  version: 2\n  ethernets:\n    eth0:\n      macaddress: random\n";
    assert.equal(lintText("/etc/netplan/x.yaml", mac)[0]?.rule, "netplan/invalid-mac");
    assert.deepEqual(lintText("/etc/netplan/x.yaml", mac, { ...defaultSettings, netplan: { version: "1.2.2" } }), []);
  });
});

describe("netplan completion leaves out keys the mapping already has", () => {
  const yaml = "/etc/netplan/01-net.yaml";

  it("does not offer a key already written above or below the cursor in the same mapping", () => {
    const labels = at(yaml, "network:\n  version: 2\n  ethernets:\n    eth0:\n      dhcp4: true\n      |\n      mtu: 1500\n").labels();
    assert.ok(!labels.includes("dhcp4"), "dhcp4 is set above");
    assert.ok(!labels.includes("mtu"), "mtu is set below");
    assert.ok(labels.includes("dhcp6"));
    assert.ok(labels.includes("addresses"));
  });

  it("judges each sequence item on its own", () => {
    const labels = at(
      yaml,
      "network:\n  version: 2\n  ethernets:\n    eth0:\n      routes:\n        - to: default\n          via: 10.0.0.1\n        - |\n",
    ).labels();
    assert.ok(labels.includes("to"), "the second route has no to: yet");
    assert.ok(labels.includes("via"));
    const inFirst = at(
      yaml,
      "network:\n  version: 2\n  ethernets:\n    eth0:\n      routes:\n        - to: default\n          |\n        - via: 10.0.0.2\n",
    ).labels();
    assert.ok(!inFirst.includes("to"), "the first route has to:");
    assert.ok(inFirst.includes("via"), "via: of the next item does not count");
  });

  it("marks the keys whose values can be listed, so the editor opens the list after 'key: '", () => {
    const items = at(yaml, "network:\n  version: 2\n  ethernets:\n    eth0:\n      |\n").completions();
    assert.equal(items.find((i) => i.label === "dhcp4")?.valueFollows, true);
    assert.ok(!items.find((i) => i.label === "addresses")?.valueFollows);
  });
});
