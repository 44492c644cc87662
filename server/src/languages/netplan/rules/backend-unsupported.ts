import { isMap, isSeq, type Node, type Pair, type YAMLMap } from "yaml";
import type { Range } from "../../../core/text.js";
import { isBoolWord, trueWords } from "../data.js";
import { type Definition, keyRangeOf, nodeRange, pairOf, rendererOf, scalarText, valueAt } from "../model.js";
import type { NetplanFile } from "../parser.js";
import type { NetplanRule, Report } from "../rule.js";

const channels5 = new Set([
  7, 8, 9, 11, 12, 16, 32, 34, 36, 38, 40, 42, 44, 46, 48, 50, 52, 54, 56, 58, 60, 62, 64, 68, 96, 100, 102, 104, 106, 108, 110, 112, 114,
  116, 118, 120, 122, 124, 126, 128, 132, 134, 136, 138, 140, 142, 144, 149, 151, 153, 155, 157, 159, 161, 165, 169, 173,
]);

const overrideKeys = [
  "use-dns",
  "use-domains",
  "use-ntp",
  "send-hostname",
  "use-hostname",
  "use-mtu",
  "hostname",
  "route-metric",
  "use-routes",
];

const isTrue = (n: unknown) => trueWords.includes((scalarText(n) ?? "").toLowerCase());

/** A value as the generator compares it: booleans by meaning, the rest as written. */
function normal(n: unknown): string | undefined {
  const t = scalarText(n);
  if (t === undefined) return undefined;
  return isBoolWord(t) ? String(isTrue(n)) : t;
}

function keyRange(file: NetplanFile, map: unknown, key: string, fallback: Range): Range {
  const p = pairOf(map, key);
  return p ? keyRangeOf(file, p) : fallback;
}

/** The pre-shared key checks of the wpa_supplicant configuration networkd's backend writes. */
function checkPassword(file: NetplanFile, holder: unknown, fallback: Range, report: Report): void {
  const pw = valueAt(holder, "password");
  const text = scalarText(pw);
  if (text === undefined) return;
  const km = scalarText(valueAt(holder, "key-management"));
  if (km && km !== "psk") return;
  const range = nodeRange(file, pw, fallback);
  if (text.length === 64 && !/^[0-9a-fA-F]{64}$/.test(text))
    report(
      range,
      "A 64-character Wi-Fi password must be the hex form of the key; as a passphrase use 8-63 characters. netplan's networkd backend refuses it.",
    );
  else if (text.length !== 64 && (text.length < 8 || text.length > 63))
    report(range, `A WPA passphrase has 8-63 characters, this one ${text.length}; netplan's networkd backend refuses it.`);
}

function checkDefinition(file: NetplanFile, def: Definition, renderer: string, report: Report): void {
  const map = def.map as YAMLMap;
  const at = (key: string) => keyRange(file, map, key, def.keyRange);
  if (renderer === "networkd") {
    if (def.type === "modems")
      report(def.keyRange, `${def.id}: networkd cannot configure modems; set renderer: NetworkManager. netplan refuses it.`);
    if (def.type === "wifis" && pairOf(map, "match"))
      report(at("match"), `${def.id}: with networkd a Wi-Fi definition is found by its interface name, not by match:; netplan refuses it.`);
    if (scalarText(valueAt(map, "ipv6-address-generation")) === "stable-privacy" && !pairOf(map, "ipv6-address-token"))
      report(
        at("ipv6-address-generation"),
        `${def.id}: networkd does not do ipv6-address-generation: stable-privacy (only eui64); netplan refuses it. Use NetworkManager or drop the key.`,
      );
    checkPassword(file, valueAt(map, "auth"), def.keyRange, report);
    const wowlan = valueAt(map, "wakeonwlan");
    if (def.type === "wifis" && isSeq(wowlan))
      for (const item of wowlan.items as Node[])
        if ((scalarText(item) ?? "").toLowerCase() === "tcp")
          report(
            nodeRange(file, item, def.keyRange),
            `${def.id}: networkd's Wi-Fi setup (wpa_supplicant) has no tcp wake-on-WLAN trigger; netplan refuses it. Drop it or use renderer: NetworkManager.`,
          );
    const aps = valueAt(map, "access-points");
    if (isMap(aps))
      for (const ap of aps.items as Pair[]) {
        const mode = scalarText(valueAt(ap.value, "mode"));
        if (mode && mode !== "infrastructure" && mode !== "adhoc")
          report(
            nodeRange(file, valueAt(ap.value, "mode"), def.keyRange),
            `${def.id}: networkd (through wpa_supplicant) only joins networks (infrastructure, adhoc), it cannot be an access point; netplan refuses mode: ${mode}. Use renderer: NetworkManager.`,
          );
        checkPassword(file, ap.value, keyRangeOf(file, ap), report);
        checkPassword(file, valueAt(ap.value, "auth"), keyRangeOf(file, ap), report);
      }
    const dhcp4 = isTrue(valueAt(map, "dhcp4"));
    const dhcp6 = isTrue(valueAt(map, "dhcp6"));
    // Only when networkd writes DHCP options at all (both on): with both off the overrides are never read.
    if (dhcp4 && dhcp6) {
      const o4 = valueAt(map, "dhcp4-overrides");
      const o6 = valueAt(map, "dhcp6-overrides");
      for (const key of overrideKeys) {
        if (normal(valueAt(o4, key)) === normal(valueAt(o6, key))) continue;
        const where = pairOf(o6, key) ? keyRange(file, o6, key, def.keyRange) : keyRange(file, o4, key, def.keyRange);
        report(
          where,
          `${def.id}: networkd has one set of DHCP options for IPv4 and IPv6, so ${key} must be the same in dhcp4-overrides and dhcp6-overrides; netplan refuses it.`,
        );
      }
    }
  }
  if (renderer === "NetworkManager") {
    if (scalarText(valueAt(map, "activation-mode")) === "off")
      report(at("activation-mode"), `${def.id}: NetworkManager has no activation-mode: off (only manual); netplan refuses it.`);
    if (pairOf(map, "ipv6-mtu"))
      report(at("ipv6-mtu"), `${def.id}: NetworkManager cannot set ipv6-mtu; netplan refuses it. Use networkd, or mtu:.`);
    if (pairOf(valueAt(map, "match"), "driver") && !pairOf(map, "set-name"))
      report(
        keyRange(file, valueAt(map, "match"), "driver", def.keyRange),
        `${def.id}: NetworkManager cannot match by driver (unless set-name: renames the match); netplan refuses it. Match by name or macaddress.`,
      );
    const addresses = valueAt(map, "addresses");
    if (isSeq(addresses))
      for (const item of addresses.items as Node[])
        if (isMap(item))
          report(
            nodeRange(file, item.items[0]?.key as Node, def.keyRange),
            `${def.id}: NetworkManager takes no options (label, lifetime) on an address; netplan refuses it. Write the address alone.`,
          );
    const routes = valueAt(map, "routes");
    if (isSeq(routes))
      for (const r of routes.items as Node[]) {
        const type = scalarText(valueAt(r, "type"));
        if (type && type.toLowerCase() !== "unicast")
          report(
            nodeRange(file, valueAt(r, "type"), def.keyRange),
            `${def.id}: NetworkManager only writes unicast routes, not type: ${type}; netplan refuses it.`,
          );
      }
  }
  const aps = valueAt(map, "access-points");
  if (isMap(aps))
    for (const ap of aps.items as Pair[]) {
      const band = scalarText(valueAt(ap.value, "band"));
      const channel = Number(scalarText(valueAt(ap.value, "channel")) ?? "0");
      if (!band || !channel) continue;
      const is24 = band === "2.4GHz" || band === "2.4G";
      const ok = is24 ? channel >= 1 && channel <= 14 : channels5.has(channel);
      if (!ok)
        report(
          nodeRange(file, valueAt(ap.value, "channel"), def.keyRange),
          `Channel ${channel} does not exist in the ${is24 ? "2.4" : "5"} GHz band${is24 ? " (1-14)" : ""}; netplan refuses it.`,
        );
    }
}

export const backendUnsupported: NetplanRule = {
  meta: {
    id: "netplan/backend-unsupported",
    severity: "error",
    doc: "A setting the definition's renderer cannot take, which netplan's generator refuses: modems, Wi-Fi match: or access-point mode, differing dhcp4/dhcp6 overrides, bad WPA passphrases and the tcp wake-on-WLAN trigger under networkd; activation-mode off, ipv6-mtu, match by driver, address options and non-unicast routes under NetworkManager; Wi-Fi channels outside their band.",
  },
  check(ctx, report) {
    const config = ctx.config();
    const current = config.sources.find((s) => s.current);
    for (const def of config.definitions) {
      if (def.source !== current || !def.map) continue;
      checkDefinition(ctx.file, def, rendererOf(config, def), report);
    }
  },
};
