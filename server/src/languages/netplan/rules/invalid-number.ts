import { isScalar, isSeq, type Node } from "yaml";
import { nodeRange, scalarText } from "../model.js";
import type { NetplanRule } from "../rule.js";
import { parseUint } from "../values.js";

/** The handlers that read an unsigned 32-bit integer (handle_generic_guint in src/parse.c). */
const uintHandlers = new Set([
  "handle_netdef_guint",
  "handle_routes_guint",
  "handle_ip_rule_guint",
  "handle_vxlan_guint",
  "handle_access_point_guint",
  "handle_wireguard_peer_guint",
  "handle_ip_rule_tos",
]);

/** Narrower ranges some keys have on top of being an unsigned int: [max, what netplan says] by handler or path tail. */
const ranges: { match: (path: string, handler: string) => boolean; max: number; min?: number; what: string }[] = [
  { match: (_p, h) => h === "handle_ip_rule_tos", max: 255, what: "a type of service is 0-255" },
  { match: (p) => /^network\.vlans\.<id>\.id$/.test(p), max: 4094, what: "a VLAN id is 0-4094" },
  { match: (p) => /^network\.tunnels\.<id>\.ttl$/.test(p), max: 255, min: 1, what: "a tunnel's ttl is 1-255" },
  { match: (p) => /^network\.tunnels\.<id>\.id$/.test(p), max: 16777215, min: 1, what: "a VXLAN id (VNI) is 1-16777215" },
  { match: (p) => /\.flow-label$/.test(p), max: 1048575, what: "a VXLAN flow label is 0-1048575" },
  { match: (p) => /\.peers\[\]\.keepalive$/.test(p), max: 65535, what: "a WireGuard keepalive is 0-65535 seconds" },
];

export const invalidNumber: NetplanRule = {
  meta: {
    id: "netplan/invalid-number",
    severity: "error",
    doc: "Not an unsigned decimal integer where netplan reads one (mtu, metric, table, id, priority, ...), or outside the key's range (VLAN id 0-4094, type-of-service 0-255, port priority 0-63, ttl 1-255): netplan rejects the file.",
  },
  check(ctx, report) {
    const { file } = ctx;
    for (const e of file.entries) {
      const info = e.schema?.info;
      const v = e.value;
      if (!info?.handler || !v || !isScalar(v)) continue;
      const portMaps = info.handler === "handle_bridge_port_priority" || info.handler === "handle_bridge_path_cost";
      if (!uintHandlers.has(info.handler) && !portMaps) continue;
      if (portMaps) continue;
      const text = scalarText(v) ?? "";
      const range = nodeRange(file, v, e.keyRange);
      const n = parseUint(text);
      if (n === undefined) {
        report(
          range,
          `'${text}' is not an unsigned whole number for ${e.key} (decimal digits only, at most 4294967295); netplan rejects the file.`,
        );
        continue;
      }
      const limit = ranges.find((r) => r.match(info.path, info.handler as string));
      if (limit && (n > limit.max || (limit.min !== undefined && n < limit.min && text.trim() !== "")))
        report(range, `${n} is out of range for ${e.key}: ${limit.what}; netplan rejects the file.`);
    }
    // A VXLAN port-range is a pair of unsigned ints (its length is invalid-value's).
    for (const e of file.entries) {
      if (e.schema?.info?.handler !== "handle_vxlan_source_port" || !isSeq(e.value) || e.value.items.length !== 2) continue;
      for (const item of e.value.items as Node[]) {
        const text = scalarText(item);
        if (text !== undefined && parseUint(text) === undefined)
          report(
            nodeRange(file, item, e.keyRange),
            `'${text}' is not a port number for port-range (an unsigned whole number); netplan rejects the file.`,
          );
      }
    }
    // Bridge port-priority and path-cost are mappings of interface → number.
    for (const e of file.entries) {
      const h = e.schema?.info?.handler;
      if ((h !== "handle_bridge_port_priority" && h !== "handle_bridge_path_cost") || !e.value || !("items" in e.value)) continue;
      for (const pair of (e.value as { items: { value: unknown }[] }).items) {
        const text = scalarText(pair.value);
        if (text === undefined) continue;
        const range = nodeRange(file, pair.value as never, e.keyRange);
        const n = parseUint(text);
        if (n === undefined) report(range, `'${text}' is not an unsigned whole number for ${e.key}; netplan rejects the file.`);
        else if (h === "handle_bridge_port_priority" && n > 63)
          report(range, `${n} is out of range for port-priority: write 0-63; netplan rejects the file.`);
      }
    }
  },
};
