import { isMap, isScalar, isSeq, type Node } from "yaml";
import type { Fix } from "../../../core/diagnostic.js";
import { nodeRange, scalarText } from "../model.js";
import type { KeyEntry, NetplanFile } from "../parser.js";
import type { NetplanRule, Report } from "../rule.js";
import { checkAddressWithPrefix, familyOf, isIp4, isIp6 } from "../values.js";

/** The quick fix for an address without a prefix: the usual /24 (IPv4) or /64 (IPv6). */
function addPrefix(file: NetplanFile, node: Node, text: string): Fix[] {
  const family = familyOf(text);
  if (!family || !node.range) return [];
  const prefix = family === 4 ? "/24" : "/64";
  const quoted = /^["']/.test(file.text.slice(node.range[0], node.range[1]));
  const end = file.positionAt(node.range[0] + (quoted ? text.length + 1 : text.length));
  return [{ title: `Add the prefix length ${prefix}`, edits: [{ range: { start: end, end }, newText: prefix }] }];
}

function checkAddresses(file: NetplanFile, e: KeyEntry, report: Report): void {
  if (!isSeq(e.value)) return;
  for (const item of e.value.items as Node[]) {
    const node = isMap(item) ? (item.items[0]?.key as Node | undefined) : item;
    const text = scalarText(node);
    if (!node || text === undefined) continue;
    const range = nodeRange(file, node, e.keyRange);
    const problem = checkAddressWithPrefix(text);
    if (problem === "missing-prefix")
      report(
        range,
        `'${text}' has no prefix length: netplan needs address/prefix here (e.g. ${text}/${isIp6(text) ? "64" : "24"}) and rejects the file.`,
        addPrefix(file, node, text),
      );
    else if (problem === "bad-prefix")
      report(range, `The prefix length of '${text}' is out of range: write 1-32 for IPv4 or 1-128 for IPv6; netplan rejects the file.`);
    else if (problem === "malformed")
      report(range, `'${text}' is not an IPv4 or IPv6 address with a prefix (10.0.0.2/24, 2001:db8::2/64); netplan rejects the file.`);
  }
}

function checkPlain(file: NetplanFile, e: KeyEntry, node: Node, want: "4" | "6" | "any", report: Report): void {
  const text = scalarText(node);
  if (text === undefined) return;
  const ok = want === "4" ? isIp4(text) : want === "6" ? isIp6(text) : isIp4(text) || isIp6(text);
  if (ok) return;
  const range = nodeRange(file, node, e.keyRange);
  if (text.includes("/") && (want === "any" ? familyOf(text) : undefined))
    report(range, `'${text}' must be a plain address, without /prefix, for ${e.key}; netplan rejects the file.`);
  else
    report(
      range,
      `'${text}' is not ${want === "any" ? "an IPv4 or IPv6" : `an IPv${want}`} address for ${e.key}; netplan rejects the file.`,
    );
}

export const invalidAddress: NetplanRule = {
  meta: {
    id: "netplan/invalid-address",
    severity: "error",
    doc: "An address netplan rejects: a missing or out-of-range prefix length in addresses:, a malformed IP, a gateway of the wrong family, a name server or tunnel endpoint with a prefix, an IPv6 ARP target of a bond, an ipv6-address-token that is not an IPv6 address (quick fix for a missing prefix).",
  },
  check(ctx, report) {
    const { file } = ctx;
    for (const e of file.entries) {
      const handler = e.schema?.info?.handler;
      const v = e.value;
      if (!handler || !v) continue;
      if (handler === "handle_addresses") checkAddresses(file, e, report);
      else if (handler === "handle_gateway4" && isScalar(v)) checkPlain(file, e, v, "4", report);
      else if (handler === "handle_gateway6" && isScalar(v)) checkPlain(file, e, v, "6", report);
      else if (handler === "handle_nameservers_addresses" && isSeq(v))
        for (const item of v.items as Node[]) {
          if (isScalar(item)) checkPlain(file, e, item, "any", report);
        }
      else if (handler === "handle_tunnel_addr" && isScalar(v)) checkPlain(file, e, v, "any", report);
      else if (handler === "handle_arp_ip_targets" && isSeq(v))
        // netplan's message names both families, but its check takes IPv4 only (the bonding driver's ARP monitor).
        for (const item of v.items as Node[]) {
          if (isScalar(item)) checkPlain(file, e, item, "4", report);
        }
      else if (handler === "handle_netdef_addrtok" && isScalar(v)) {
        const text = scalarText(v) ?? "";
        if (!isIp6(text))
          report(
            nodeRange(file, v, e.keyRange),
            `'${text}' is not an IPv6 address: the token is written as one, its low 64 bits being the interface identifier (e.g. ::42 or ::1:2:3:4); netplan rejects the file.`,
          );
      } else if (["handle_routes_ip", "handle_routes_destination", "handle_ip_rule_ip"].includes(handler) && isScalar(v)) {
        const text = scalarText(v) ?? "";
        if (handler === "handle_routes_destination" && text === "default") continue;
        if (familyOf(text) === undefined)
          report(
            nodeRange(file, v, e.keyRange),
            `'${text}' is not an IP address or network for ${e.key}${handler === "handle_routes_destination" ? " (nor 'default')" : ""}; netplan rejects the file.`,
          );
      }
    }
  },
};
