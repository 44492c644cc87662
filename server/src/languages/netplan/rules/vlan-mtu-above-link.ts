import { lastValue, nodeRange, scalarText, valueAt } from "../model.js";
import type { NetplanRule } from "../rule.js";
import { parseUint } from "../values.js";

export const vlanMtuAboveLink: NetplanRule = {
  meta: {
    id: "netplan/vlan-mtu-above-link",
    severity: "warning",
    doc: "A VLAN whose mtu: is larger than the mtu: its link: sets: a VLAN cannot carry bigger frames than the device under it, so the kernel refuses the MTU and the VLAN keeps the smaller one (jumbo frames silently do not work). Raise the link's mtu: too.",
  },
  check(ctx, report) {
    const config = ctx.config();
    for (const def of config.definitions) {
      if (!def.source.current || def.type !== "vlans" || !def.map) continue;
      const mtuNode = valueAt(def.map, "mtu");
      const mtu = parseUint(scalarText(mtuNode) ?? "x");
      const link = scalarText(lastValue(config, def.id, "link")?.node);
      if (!mtuNode || mtu === undefined || !link) continue;
      // Only an MTU the file sets on the link: a NIC's own default may be larger than 1500 (cloud NICs use 9001).
      const linkMtu = parseUint(scalarText(lastValue(config, link, "mtu")?.node) ?? "x");
      if (linkMtu === undefined || mtu <= linkMtu) continue;
      report(
        nodeRange(ctx.file, mtuNode, def.keyRange),
        `${def.id} asks for mtu ${mtu}, but its link ${link} has mtu ${linkMtu}: a VLAN's MTU cannot exceed its link's, so the kernel refuses it and ${def.id} stays at ${linkMtu}. Set mtu: ${mtu} (or more) on ${link} as well.`,
      );
    }
  },
};
