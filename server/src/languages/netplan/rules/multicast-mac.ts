import { nodeRange, scalarText, valueAt } from "../model.js";
import type { NetplanRule } from "../rule.js";
import { isMac } from "../values.js";

export const multicastMac: NetplanRule = {
  meta: {
    id: "netplan/multicast-mac",
    severity: "warning",
    doc: "A macaddress: to set whose first byte is odd (01:…, 33:…): that is a multicast (group) address, which the kernel refuses to give an interface (Cannot assign requested address), so the interface keeps its own MAC. For a made-up address use a locally administered unicast one: second hex digit 2, 6, A or E (02:…).",
  },
  check(ctx, report) {
    for (const def of ctx.config().definitions) {
      if (!def.source.current || !def.map) continue;
      const node = valueAt(def.map, "macaddress");
      const text = scalarText(node) ?? "";
      if (!node || !isMac(text) || text.length !== 17) continue;
      if ((Number.parseInt(text.slice(0, 2), 16) & 1) === 0) continue;
      report(
        nodeRange(ctx.file, node, def.keyRange),
        `${text} is a multicast address (its first byte is odd): the kernel refuses it as an interface's MAC address, so the interface keeps its own. Use a unicast one, e.g. 02${text.slice(2)}.`,
      );
    }
  },
};
