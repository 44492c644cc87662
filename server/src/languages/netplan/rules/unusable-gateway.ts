import { isMap, isSeq, type Node } from "yaml";
import { nodeRange, scalarText, valueAt } from "../model.js";
import type { NetplanRule } from "../rule.js";
import { type Cidr, formatAddress, networkOf, parseCidr } from "../values.js";

/** The static addresses (with prefix) of every definition, over all files. */
function ownAddresses(defs: { map?: unknown }[]): Cidr[] {
  const out: Cidr[] = [];
  for (const d of defs) {
    const addrs = valueAt(d.map, "addresses");
    if (!isSeq(addrs)) continue;
    for (const item of addrs.items as Node[]) {
      const text = scalarText(isMap(item) ? item.items[0]?.key : item);
      const c = text?.includes("/") ? parseCidr(text) : undefined;
      if (c) out.push(c);
    }
  }
  return out;
}

export const unusableGateway: NetplanRule = {
  meta: {
    id: "netplan/unusable-gateway",
    severity: "warning",
    doc: "A route's via: that is an address of this host (often the interface's own address typed as the gateway) or the broadcast address of the interface's IPv4 subnet: the kernel accepts only a unicast address of another host as gateway (Nexthop has invalid gateway), so the route is missing after netplan apply.",
  },
  check(ctx, report) {
    const config = ctx.config();
    const local = ownAddresses(config.definitions);
    for (const def of config.definitions) {
      if (!def.source.current || !def.map) continue;
      const mine = ownAddresses(config.byId.get(def.id) ?? []);
      const routes = valueAt(def.map, "routes");
      const vias: Node[] = [];
      if (isSeq(routes)) for (const r of routes.items as Node[]) if (valueAt(r, "via")) vias.push(valueAt(r, "via") as Node);
      for (const key of ["gateway4", "gateway6"]) if (valueAt(def.map, key)) vias.push(valueAt(def.map, key) as Node);
      for (const node of vias) {
        const text = scalarText(node) ?? "";
        const ip = text.includes("/") ? undefined : parseCidr(text);
        if (!ip) continue;
        const range = nodeRange(ctx.file, node, def.keyRange);
        if (local.some((a) => a.family === ip.family && a.address === ip.address)) {
          report(
            range,
            `${text} is an address of this host, not a router: the kernel refuses it as a gateway (Nexthop has invalid gateway), so the route is not installed. Write the router's address.`,
          );
          continue;
        }
        const net = mine.find(
          (a) =>
            a.family === 4 && ip.family === 4 && a.prefix <= 30 && networkOf(a.address, 4, a.prefix) === networkOf(ip.address, 4, a.prefix),
        );
        if (net && ip.address === networkOf(net.address, 4, net.prefix) + (1n << BigInt(32 - net.prefix)) - 1n)
          report(
            range,
            `${text} is the broadcast address of ${formatAddress(networkOf(net.address, 4, net.prefix), 4)}/${net.prefix}: the kernel refuses it as a gateway, so the route is not installed. Write the router's address.`,
          );
      }
    }
  },
};
