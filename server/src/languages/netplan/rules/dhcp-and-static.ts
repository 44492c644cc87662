import { isMap, isSeq, type Node } from "yaml";
import { trueWords } from "../data.js";
import { keyRangeOf, pairOf, scalarText, valueAt } from "../model.js";
import type { NetplanRule } from "../rule.js";
import { familyOf } from "../values.js";

export const dhcpAndStatic: NetplanRule = {
  meta: {
    id: "netplan/dhcp-and-static",
    severity: "info",
    doc: "dhcp4: true (or dhcp6: true) on a definition that also has static addresses of that family: the interface gets both the static address and a leased one (and possibly a second default route), the usual leftover of switching an interface to a static address. Set dhcp4: false if the static address is meant to be the only one.",
  },
  check(ctx, report) {
    // In a file that does not parse cleanly the YAML library's recovery may join keys into addresses.
    if (ctx.file.syntax.length > 0) return;
    const config = ctx.config();
    for (const def of config.definitions) {
      if (!def.source.current || !def.map) continue;
      const families = new Set<number>();
      for (const d of config.byId.get(def.id) ?? []) {
        const addrs = valueAt(d.map, "addresses");
        if (!isSeq(addrs)) continue;
        for (const item of addrs.items as Node[]) {
          const f = familyOf(scalarText(isMap(item) ? item.items[0]?.key : item) ?? "");
          if (f) families.add(f);
        }
      }
      for (const family of [4, 6]) {
        const p = pairOf(def.map, `dhcp${family}`);
        if (!p || !trueWords.includes((scalarText(p.value) ?? "").toLowerCase()) || !families.has(family)) continue;
        report(
          keyRangeOf(ctx.file, p),
          `${def.id} has static IPv${family} addresses and dhcp${family}: true, so it gets a leased address as well. If the static address should be the only one, set dhcp${family}: false.`,
        );
      }
    }
  },
};
