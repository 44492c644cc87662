import { isSeq } from "yaml";
import { trueWords } from "../data.js";
import { keyRangeOf, pairOf, scalarText, seqScalars, valueAt } from "../model.js";
import type { NetplanRule } from "../rule.js";

const ipKeys = ["addresses", "gateway4", "gateway6", "routes"];

export const memberWithAddresses: NetplanRule = {
  meta: {
    id: "netplan/member-with-addresses",
    severity: "warning",
    doc: "An interface that is a member of a bond or bridge but has its own addresses, routes or DHCP: once enslaved it carries no IP configuration of its own, so these settings are silently lost (and DHCP on it can delay boot). Put them on the bond or bridge.",
  },
  check(ctx, report) {
    const config = ctx.config();
    const master = new Map<string, string>();
    for (const def of config.definitions) {
      // Open vSwitch ports are configured by OVS, not by the kernel's bonding or bridge driver.
      if ((def.type !== "bonds" && def.type !== "bridges") || pairOf(def.map, "openvswitch")) continue;
      for (const m of seqScalars(valueAt(def.map, "interfaces"))) master.set(m.text, def.id);
    }
    for (const def of config.definitions) {
      if (!def.source.current || !def.map) continue;
      const owner = master.get(def.id);
      if (!owner) continue;
      for (const key of [...ipKeys, "dhcp4", "dhcp6"]) {
        const p = pairOf(def.map, key);
        if (!p) continue;
        if ((key === "dhcp4" || key === "dhcp6") && !trueWords.includes((scalarText(p.value) ?? "").toLowerCase())) continue;
        if (key !== "dhcp4" && key !== "dhcp6" && isSeq(p.value) && p.value.items.length === 0) continue;
        report(
          keyRangeOf(ctx.file, p),
          `${def.id} is a member of ${owner}: a member carries no IP configuration of its own, so ${key}: here is lost. Move it to ${owner}.`,
        );
      }
    }
  },
};
