import { isSeq, type Node } from "yaml";
import type { Range } from "../../../core/text.js";
import { type Definition, keyRangeOf, nodeRange, pairOf, scalarText, valueAt } from "../model.js";
import type { NetplanRule } from "../rule.js";
import { familyOf } from "../values.js";

interface DefaultRoute {
  def: Definition;
  via: string;
  family: 4 | 6;
  table: string;
  metric: string;
  range: Range;
  /** From gateway4:/gateway6:, which a definition has once (a later file replaces it or, in 0.106, aborts). */
  gatewayKey: boolean;
}

/** Every default route of a definition occurrence: gateway4/6, and routes to default, 0.0.0.0/0 or ::/0. */
function defaultRoutes(def: Definition): DefaultRoute[] {
  const file = def.source.file;
  const out: DefaultRoute[] = [];
  for (const [key, family] of [
    ["gateway4", 4],
    ["gateway6", 6],
  ] as const) {
    const p = pairOf(def.map, key);
    if (p)
      out.push({
        def,
        via: scalarText(p.value) ?? "",
        family,
        table: "main",
        metric: "default",
        range: keyRangeOf(file, p),
        gatewayKey: true,
      });
  }
  const routes = valueAt(def.map, "routes");
  if (!isSeq(routes)) return out;
  for (const r of routes.items as Node[]) {
    const to = scalarText(valueAt(r, "to"));
    if (!to || (to !== "default" && !to.endsWith("/0"))) continue;
    const via = scalarText(valueAt(r, "via"));
    const family = familyOf(to === "default" ? (via ?? "") : to) ?? (via ? familyOf(via) : undefined);
    if (!family) continue;
    out.push({
      def,
      via: via ?? "",
      family,
      table: scalarText(valueAt(r, "table")) ?? "main",
      metric: scalarText(valueAt(r, "metric")) ?? "default",
      range: nodeRange(file, valueAt(r, "to"), def.keyRange),
      gatewayKey: false,
    });
  }
  return out;
}

export const conflictingDefaultRoutes: NetplanRule = {
  meta: {
    id: "netplan/conflicting-default-routes",
    severity: "warning",
    doc: "Two default routes of the same IP family, routing table and metric (in this file or any file netplan reads with it): the kernel keeps one and the other fails, so which gateway is used depends on the order interfaces come up. netplan only warns. Give them different metrics, or put one in its own table with a routing-policy.",
  },
  check(ctx, report) {
    const config = ctx.config();
    const seen = new Map<string, DefaultRoute>();
    for (const def of config.definitions) {
      for (const r of defaultRoutes(def)) {
        const key = `${r.family} ${r.table} ${r.metric}`;
        const first = seen.get(key);
        if (!first) {
          seen.set(key, r);
          continue;
        }
        // The same route written again for the same interface (in another file) is added once by netplan.
        if (first.def.id === def.id && first.via === r.via) continue;
        // gateway4/6 set again for the same interface is not a second route: netplan 1.1 keeps the later value,
        // and 0.106 aborts (netplan/duplicate-setting says so).
        if (first.def.id === def.id && first.gatewayKey && r.gatewayKey) continue;
        if (!def.source.current) continue;
        const where = first.def.source === def.source ? `line ${first.range.start.line + 1}` : first.def.source.name;
        report(
          r.range,
          `A second IPv${r.family} default route (table ${r.table}, metric ${r.metric}): ${first.def.id} already has one (${where}). Only one is installed and which one depends on the order the interfaces come up; give them different metrics, or move one to its own table with a routing-policy.`,
        );
      }
    }
  },
};
