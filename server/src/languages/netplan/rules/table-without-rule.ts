import { isSeq, type Node } from "yaml";
import { nodeRange, scalarText, valueAt } from "../model.js";
import type { NetplanRule } from "../rule.js";
import { parseUint } from "../values.js";

/** Tables the kernel itself looks up: local (255), main (254), default (253). */
const builtIn = new Set([253, 254, 255]);

export const tableWithoutRule: NetplanRule = {
  meta: {
    id: "netplan/table-without-rule",
    severity: "info",
    doc: "A route put into a routing table (table: N) that no routing-policy rule of any file sends traffic to, outside a VRF: the kernel only consults the main table by default, so the route is installed but never used. Add a routing-policy entry with table: N (e.g. from: the interface's address).",
  },
  check(ctx, report) {
    const config = ctx.config();
    const looked = new Set<number>();
    for (const d of config.definitions) {
      if (d.type === "vrfs") {
        const t = parseUint(scalarText(valueAt(d.map, "table")) ?? "x");
        if (t !== undefined) looked.add(t);
      }
      const rules = valueAt(d.map, "routing-policy");
      if (isSeq(rules))
        for (const r of rules.items as Node[]) {
          const t = parseUint(scalarText(valueAt(r, "table")) ?? "x");
          if (t !== undefined) looked.add(t);
        }
    }
    for (const def of config.definitions) {
      if (!def.source.current || !def.map || def.type === "vrfs") continue;
      const routes = valueAt(def.map, "routes");
      if (!isSeq(routes)) continue;
      for (const r of routes.items as Node[]) {
        const node = valueAt(r, "table");
        const t = parseUint(scalarText(node) ?? "x");
        if (!node || t === undefined || builtIn.has(t) || looked.has(t)) continue;
        report(
          nodeRange(ctx.file, node, def.keyRange),
          `No routing-policy rule uses table ${t}, so this route is installed but never consulted (the kernel looks up the main table). Add a routing-policy entry with table: ${t}, or drop table: to use the main table.`,
        );
      }
    }
  },
};
