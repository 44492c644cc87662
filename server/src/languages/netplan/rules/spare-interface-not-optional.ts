import { isSeq } from "yaml";
import { trueWords } from "../data.js";
import { type Definition, pairOf, rendererOf, scalarText, seqScalars, valueAt } from "../model.js";
import type { NetplanRule } from "../rule.js";

const ipKeys = ["addresses", "routes", "gateway4", "gateway6"];
const isTrue = (v: unknown) => trueWords.includes((scalarText(v) ?? "").toLowerCase());

/** Whether any occurrence of the definition gives it an IP configuration of its own. */
function configured(defs: Definition[]): boolean {
  return defs.some(
    (d) =>
      isTrue(valueAt(d.map, "dhcp4")) ||
      isTrue(valueAt(d.map, "dhcp6")) ||
      ipKeys.some((k) => {
        const v = valueAt(d.map, k);
        return v !== undefined && !(isSeq(v) && v.items.length === 0);
      }),
  );
}

export const spareInterfaceNotOptional: NetplanRule = {
  meta: {
    id: "netplan/spare-interface-not-optional",
    severity: "info",
    doc: "An Ethernet definition with no addresses, DHCP or routes, used by no bond, bridge, VRF, VLAN or tunnel, and not optional: true, beside definitions that are configured: under networkd the boot waits for every such link (systemd-networkd-wait-online), up to two minutes when its cable is unplugged. Mark a spare NIC optional: true.",
  },
  check(ctx, report) {
    // A file that does not parse cleanly has no reliable shape to judge a definition's configuration by.
    if (ctx.file.syntax.length > 0) return;
    const config = ctx.config();
    const used = new Set<string>();
    for (const d of config.definitions) {
      for (const m of seqScalars(valueAt(d.map, "interfaces"))) used.add(m.text);
      const link = scalarText(valueAt(d.map, "link"));
      if (link) used.add(link);
    }
    if (!config.definitions.some((d) => configured([d]))) return;
    const seen = new Set<string>();
    for (const def of config.definitions) {
      if (!def.source.current || !def.map || def.type !== "ethernets" || seen.has(def.id)) continue;
      seen.add(def.id);
      const all = config.byId.get(def.id) ?? [];
      if (used.has(def.id) || configured(all) || rendererOf(config, def) !== "networkd") continue;
      if (all.some((d) => pairOf(d.map, "optional") || pairOf(d.map, "activation-mode") || pairOf(d.map, "openvswitch"))) continue;
      report(
        def.keyRange,
        `${def.id} has no addresses, DHCP or routes and nothing uses it, yet the boot waits for it to come up (systemd-networkd-wait-online, up to 2 minutes without a cable). If it is a spare NIC, add optional: true.`,
      );
    }
  },
};
