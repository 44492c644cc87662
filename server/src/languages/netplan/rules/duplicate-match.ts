import { isScalar } from "yaml";
import { type Definition, keyRangeOf, nodeRange, pairOf, scalarText, valueAt } from "../model.js";
import type { NetplanRule } from "../rule.js";

/** What a definition's match: selects when it matches by MAC address alone (name or driver narrow it further). */
function macOnly(def: Definition): string | undefined {
  const match = valueAt(def.map, "match");
  if (!match || pairOf(match, "name") || pairOf(match, "driver")) return undefined;
  return scalarText(valueAt(match, "macaddress"))?.toLowerCase();
}

export const duplicateMatch: NetplanRule = {
  meta: {
    id: "netplan/duplicate-match",
    severity: "warning",
    doc: "Two definitions that match the same MAC address, or rename to the same set-name (often one in cloud-init's 50-cloud-init.yaml and one written by hand): one NIC gets only one of them (with networkd the first configuration file in name order), so the other's settings are silently ignored. Merge them into one definition.",
  },
  check(ctx, report) {
    const config = ctx.config();
    const byMac = new Map<string, Definition>();
    const byName = new Map<string, Definition>();
    for (const def of config.definitions) {
      if (!def.map) continue;
      const mac = macOnly(def);
      if (mac) {
        const first = byMac.get(mac);
        if (first && first.id !== def.id) {
          if (def.source.current) {
            const where = first.source === def.source ? "" : ` in ${first.source.name}`;
            const macPair = pairOf(valueAt(def.map, "match"), "macaddress");
            report(
              macPair ? nodeRange(ctx.file, macPair.value as never, def.keyRange) : def.keyRange,
              `${def.id} matches the same MAC address as ${first.id}${where}: the NIC is configured by only one of them, the other's settings are ignored. Merge the two definitions.`,
            );
          }
        } else if (!first) byMac.set(mac, def);
      }
      const setName = pairOf(def.map, "set-name");
      const name = scalarText(setName?.value);
      if (setName && name && isScalar(setName.value)) {
        const first = byName.get(name);
        if (first && first.id !== def.id) {
          if (def.source.current)
            report(
              keyRangeOf(ctx.file, setName),
              `${def.id} renames its NIC to '${name}', as ${first.id} does: two interfaces cannot have one name, so one rename fails. Use a distinct set-name:.`,
            );
        } else if (!first) byName.set(name, def);
      }
    }
  },
};
