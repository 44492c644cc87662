import { isMap, isSeq, type Node, type Pair, type YAMLMap } from "yaml";
import { keyRangeOf, nodeRange, pairOf, scalarText } from "../model.js";
import type { NetplanRule } from "../rule.js";
import { familyOf } from "../values.js";

const lower = (s: string | undefined) => (s ?? "").toLowerCase();

export const incompleteRoute: NetplanRule = {
  meta: {
    id: "netplan/incomplete-route",
    severity: "error",
    doc: "A route or routing-policy entry netplan rejects: a gateway route without both to: and via:, a link/host-scope or non-unicast route without to:, a policy without from: or to:, or addresses of both IP families in one entry.",
  },
  check(ctx, report) {
    const { file } = ctx;
    for (const e of file.entries) {
      const h = e.schema?.info?.handler;
      if ((h !== "handle_routes" && h !== "handle_ip_rules") || !isSeq(e.value)) continue;
      for (const item of e.value.items as Node[]) {
        if (!isMap(item)) continue;
        const map = item as YAMLMap;
        const itemRange = nodeRange(file, map.items[0]?.key as Node, e.keyRange);
        // Family: every address of the entry must share the first one's family (netplan reads the keys in order).
        let family: 4 | 6 | undefined;
        for (const p of map.items as Pair[]) {
          const key = scalarText(p.key);
          if (!key || !["to", "via", "from"].includes(key)) continue;
          const text = scalarText(p.value);
          if (!text || text === "default") continue;
          const f = familyOf(text);
          if (!f) continue;
          if (family && f !== family)
            report(
              nodeRange(file, p.value as Node, keyRangeOf(file, p)),
              `'${text}' is IPv${f} but this entry's other addresses are IPv${family}: one route or policy is one family; netplan rejects the file.`,
            );
          family ??= f;
        }
        if (h === "handle_ip_rules") {
          if (!pairOf(map, "from") && !pairOf(map, "to"))
            report(itemRange, "This routing-policy entry has neither from: nor to:; netplan needs at least one and rejects the file.");
          continue;
        }
        const to = pairOf(map, "to");
        const via = pairOf(map, "via");
        const type = lower(scalarText(pairOf(map, "type")?.value) || "unicast");
        let scope = lower(scalarText(pairOf(map, "scope")?.value));
        if (!scope) {
          if (type === "local" || type === "nat") scope = "host";
          else if ((type === "unicast" && !via) || ["broadcast", "multicast", "anycast"].includes(type)) scope = "link";
          else scope = "global";
        }
        if ((scope === "link" || scope === "host") && !to)
          report(itemRange, `A ${scope}-scope route needs to: (the destination network); netplan rejects the file.`);
        else if (type === "unicast" && scope === "global" && (!to || !via))
          report(
            itemRange,
            `A route through a gateway needs both to: and via: (to: default for the default route); ${to ? "via:" : "to:"} is missing and netplan rejects the file.`,
          );
        else if (type !== "unicast" && !to) report(itemRange, `A ${type} route needs to:; netplan rejects the file.`);
      }
    }
  },
};
