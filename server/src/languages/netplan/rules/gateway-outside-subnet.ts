import { isMap, isSeq, type Node } from "yaml";
import { trueWords } from "../data.js";
import { type Definition, nodeRange, pairOf, scalarText, valueAt } from "../model.js";
import type { NetplanRule } from "../rule.js";
import { type Cidr, contains, parseCidr } from "../values.js";

const isTrue = (n: unknown) => trueWords.includes((scalarText(n) ?? "").toLowerCase());

/** The static subnets of a definition over every file, and whether DHCP or RA may add others per family. */
function subnets(defs: Definition[]): { nets: Cidr[]; dynamic: Set<4 | 6> } {
  const nets: Cidr[] = [];
  const dynamic = new Set<4 | 6>();
  for (const d of defs) {
    const addrs = valueAt(d.map, "addresses");
    if (isSeq(addrs))
      for (const item of addrs.items as Node[]) {
        const text = scalarText(isMap(item) ? item.items[0]?.key : item);
        const c = text ? parseCidr(text) : undefined;
        if (c && text?.includes("/")) nets.push(c);
      }
    // A route with no gateway reaches its destination on the link itself (`to: 172.31.1.1/32, scope: link`, the
    // recipe for a /32 address): a gateway inside it is reachable, and networkd adds that route first.
    const routes = valueAt(d.map, "routes");
    if (isSeq(routes))
      for (const r of routes.items as Node[]) {
        const scope = scalarText(valueAt(r, "scope"));
        if (valueAt(r, "via") || (scope !== undefined && scope !== "link")) continue;
        const to = scalarText(valueAt(r, "to"));
        const c = to && to !== "default" ? parseCidr(to) : undefined;
        if (c) nets.push(c);
      }
    if (isTrue(valueAt(d.map, "dhcp4"))) dynamic.add(4);
    if (isTrue(valueAt(d.map, "dhcp6"))) dynamic.add(6);
    // IPv6 router advertisements give prefixes unless switched off; link-local gateways are reachable anyway.
    if (scalarText(valueAt(d.map, "accept-ra")) === undefined || isTrue(valueAt(d.map, "accept-ra"))) dynamic.add(6);
  }
  return { nets, dynamic };
}

export const gatewayOutsideSubnet: NetplanRule = {
  meta: {
    id: "netplan/gateway-outside-subnet",
    severity: "warning",
    doc: "A route's via: (or gateway4:) that lies in no subnet of the interface's static addresses, on an interface without DHCP for that family: the kernel refuses a gateway it cannot reach directly (Network is unreachable), so the route is missing after netplan apply. Fix the address or prefix, or set on-link: true when the gateway really is reachable on the link.",
  },
  check(ctx, report) {
    const config = ctx.config();
    for (const def of config.definitions) {
      // A VRF reaches its gateways through its members' subnets.
      if (!def.source.current || !def.map || def.type === "vrfs") continue;
      const { nets, dynamic } = subnets(config.byId.get(def.id) ?? []);
      const candidates: { node: Node; text: string; onLink: boolean }[] = [];
      const g4 = pairOf(def.map, "gateway4");
      if (g4) candidates.push({ node: g4.value as Node, text: scalarText(g4.value) ?? "", onLink: false });
      const routes = valueAt(def.map, "routes");
      if (isSeq(routes))
        for (const r of routes.items as Node[]) {
          const via = valueAt(r, "via");
          const text = scalarText(via);
          if (via && text) candidates.push({ node: via, text, onLink: isTrue(valueAt(r, "on-link")) });
        }
      for (const c of candidates) {
        const ip = parseCidr(c.text);
        if (!ip || c.onLink || dynamic.has(ip.family)) continue;
        if (ip.family === 6 && ip.address >> 118n === 0x3fan) continue;
        const same = nets.filter((n) => n.family === ip.family);
        if (same.some((n) => contains(n, ip))) continue;
        const why = same.length
          ? `is outside every IPv${ip.family} subnet of ${def.id} (${same.length === 1 ? "" : "e.g. "}${c.text} vs the addresses' prefixes)`
          : `cannot be reached: ${def.id} has no IPv${ip.family} address and no DHCP for it`;
        report(
          nodeRange(ctx.file, c.node, def.keyRange),
          `Gateway ${c.text} ${why}. The kernel refuses such a route (Network is unreachable). Check the address and its prefix length, or add on-link: true if the gateway is really on this link.`,
        );
      }
    }
  },
};
