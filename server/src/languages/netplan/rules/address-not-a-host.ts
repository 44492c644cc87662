import { isMap, isSeq, type Node } from "yaml";
import { nodeRange, scalarText, valueAt } from "../model.js";
import type { NetplanRule } from "../rule.js";
import { formatAddress, networkOf, parseCidr } from "../values.js";

export const addressNotAHost: NetplanRule = {
  meta: {
    id: "netplan/address-not-a-host",
    severity: "warning",
    doc: "An IPv4 address in addresses: that is its subnet's network address (192.168.1.0/24, often the subnet written where the host's address belongs) or its broadcast address (.255 in a /24): the kernel assigns it, but other hosts treat it as the subnet or broadcast, so the interface is not reachable. Write the host's own address.",
  },
  check(ctx, report) {
    for (const def of ctx.config().definitions) {
      if (!def.source.current || !def.map) continue;
      const addrs = valueAt(def.map, "addresses");
      if (!isSeq(addrs)) continue;
      for (const item of addrs.items as Node[]) {
        const node = (isMap(item) ? item.items[0]?.key : item) as Node | undefined;
        const text = scalarText(node) ?? "";
        const c = text.includes("/") ? parseCidr(text) : undefined;
        if (c?.family !== 4 || c.prefix > 30) continue;
        const net = networkOf(c.address, 4, c.prefix);
        const broadcast = net + (1n << BigInt(32 - c.prefix)) - 1n;
        if (c.address !== net && c.address !== broadcast) continue;
        const what = c.address === net ? "network address" : "broadcast address";
        report(
          nodeRange(ctx.file, node, def.keyRange),
          `${text} is the ${what} of ${formatAddress(net, 4)}/${c.prefix}, not a host address: other hosts cannot reach the interface at it. Write this host's own address (e.g. ${formatAddress(net + 10n, 4)}/${c.prefix}).`,
        );
      }
    }
  },
};
