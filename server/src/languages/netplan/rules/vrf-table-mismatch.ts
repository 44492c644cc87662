import { isSeq, type Node } from "yaml";
import { lastValue, nodeRange, scalarText, valueAt } from "../model.js";
import type { NetplanRule } from "../rule.js";
import { parseUint } from "../values.js";

export const vrfTableMismatch: NetplanRule = {
  meta: {
    id: "netplan/vrf-table-mismatch",
    severity: "error",
    doc: "A route or routing-policy rule of a VRF that names another table than the VRF's own: the VRF's routes live in its table, and netplan rejects the file. Leave table: out (netplan uses the VRF's) or make it match.",
  },
  check(ctx, report) {
    const config = ctx.config();
    for (const def of config.definitions) {
      if (def.type !== "vrfs" || !def.source.current || !def.map) continue;
      const table = parseUint(scalarText(lastValue(config, def.id, "table")?.node) ?? "x");
      if (table === undefined) continue;
      // netplan looks at the rules only when the VRF has routes (its check of routing-policy sits inside that case).
      const hasRoutes = (config.byId.get(def.id) ?? []).some((d) => {
        const r = valueAt(d.map, "routes");
        return isSeq(r) && r.items.length > 0;
      });
      if (!hasRoutes) continue;
      for (const [key, what] of [
        ["routes", "route"],
        ["routing-policy", "routing-policy rule"],
      ] as const) {
        const list = valueAt(def.map, key);
        if (!isSeq(list)) continue;
        for (const item of list.items as Node[]) {
          const t = valueAt(item, "table");
          const n = parseUint(scalarText(t) ?? "x");
          if (!t || n === undefined || n === table) continue;
          report(
            nodeRange(ctx.file, t, def.keyRange),
            `${def.id}: this ${what} names table ${n}, but the VRF's table is ${table}; netplan rejects the file. Drop table: here (the VRF's is used) or write ${table}.`,
          );
        }
      }
    }
  },
};
