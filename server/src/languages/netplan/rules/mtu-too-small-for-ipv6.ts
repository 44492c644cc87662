import { isSeq, type Node } from "yaml";
import { keyRangeOf, pairOf, scalarText, valueAt } from "../model.js";
import type { NetplanRule } from "../rule.js";
import { familyOf } from "../values.js";

export const mtuTooSmallForIpv6: NetplanRule = {
  meta: {
    id: "netplan/mtu-too-small-for-ipv6",
    severity: "warning",
    doc: "mtu: below 1280 on an interface with IPv6 addresses or dhcp6: IPv6 needs an MTU of at least 1280, and the kernel disables IPv6 on the interface.",
  },
  check(ctx, report) {
    for (const def of ctx.config().definitions) {
      if (!def.source.current || !def.map) continue;
      const mtu = pairOf(def.map, "mtu");
      const n = Number(scalarText(mtu?.value) ?? "NaN");
      if (!mtu || !Number.isInteger(n) || n === 0 || n >= 1280) continue;
      const addrs = valueAt(def.map, "addresses");
      const v6 =
        (isSeq(addrs) && (addrs.items as Node[]).some((i) => familyOf(scalarText(i) ?? "") === 6)) ||
        /^(true|yes|on|y)$/i.test(scalarText(valueAt(def.map, "dhcp6")) ?? "");
      if (!v6) continue;
      report(
        keyRangeOf(ctx.file, mtu),
        `mtu ${n} is below 1280, the minimum for IPv6: the kernel disables IPv6 on ${def.id}, so its IPv6 addresses never come up.`,
      );
    }
  },
};
