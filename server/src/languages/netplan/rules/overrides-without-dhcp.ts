import { trueWords } from "../data.js";
import { keyRangeOf, pairOf, scalarText } from "../model.js";
import type { NetplanRule } from "../rule.js";

export const overridesWithoutDhcp: NetplanRule = {
  meta: {
    id: "netplan/overrides-without-dhcp",
    severity: "info",
    doc: "dhcp4-overrides: or dhcp6-overrides: on a definition whose DHCP for that family is not turned on (in any file): the overrides change nothing. Turn on dhcp4:/dhcp6:, or drop the overrides (to ignore DNS of a static interface, just leave out nameservers:).",
  },
  check(ctx, report) {
    const config = ctx.config();
    for (const def of config.definitions) {
      if (!def.source.current || !def.map) continue;
      for (const family of ["4", "6"] as const) {
        const p = pairOf(def.map, `dhcp${family}-overrides`);
        if (!p) continue;
        let on = false;
        for (const d of config.byId.get(def.id) ?? []) {
          const v = scalarText(pairOf(d.map, `dhcp${family}`)?.value);
          if (v !== undefined) on = trueWords.includes(v.toLowerCase());
        }
        if (!on)
          report(
            keyRangeOf(ctx.file, p),
            `${def.id} has no dhcp${family}: true, so dhcp${family}-overrides: has no effect. Turn on dhcp${family}: or remove the overrides.`,
          );
      }
    }
  },
};
