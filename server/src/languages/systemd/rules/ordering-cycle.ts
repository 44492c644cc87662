import { dependencyGraph } from "../dependency-graph.js";
import { type CycleEdge, cycleEdges, type OrderingCycle } from "../ordering-cycles.js";
import type { UnitRule } from "../rule.js";
import { normalizeDir } from "../search-path.js";
import { templateOf } from "../unit-set.js";

/** `a.service → b.service → a.service`, read "starts after". */
export function describeCycle(cycle: OrderingCycle, from?: string): string {
  // A template's file speaks for its instances: start at the instance of it.
  const at = from
    ? Math.max(
        0,
        cycle.units.findIndex((u) => u === from || templateOf(u) === from),
      )
    : 0;
  const units = [...cycle.units.slice(at), ...cycle.units.slice(0, at)];
  return [...units, units[0]].join(" → ");
}

export const orderingCycle: UnitRule = {
  meta: {
    id: "systemd/ordering-cycle",
    severity: "warning",
    doc: "After=/Before= (with the implicit ordering of default dependencies, targets and timers) form a cycle among units that start together: systemd breaks it at boot by dropping one of their jobs ('Found ordering cycle' in the journal), so one unit silently does not start.",
  },
  check(ctx, report) {
    if (!ctx.info.unitName && !ctx.info.isDropIn) return;
    const self = ctx.selfLayer();
    if (!self) return;
    const graph = dependencyGraph(ctx.workspace, ctx.path, { path: ctx.path, file: ctx.unit });
    const here = normalizeDir(ctx.path);
    const seen = new Set<string>();
    const mine: CycleEdge[] = cycleEdges(graph).filter((c) => c.edge.source?.range && normalizeDir(c.edge.source.path) === here);
    for (const { edge, cycle } of mine) {
      const range = edge.source?.range;
      if (!range) continue;
      const at = `${range.start.line}:${range.start.character}`;
      if (seen.has(at)) continue;
      seen.add(at);
      const how = edge.origin === "implicit" ? `, through which ${edge.reason}` : "";
      const line = ctx.unit.lines[range.start.line] ?? "";
      const word = range.start.line === range.end.line ? line.slice(range.start.character, range.end.character) : edge.to;
      report(
        range,
        `Ordering cycle: ${describeCycle(cycle, ctx.effective()?.name)} (each starts after the next); ${edge.source?.directive}=${word} here is one of its links${how}. Starting ${cycle.pulledInBy} pulls in all of them; systemd then breaks the cycle by dropping one of their jobs ("Found ordering cycle" in the journal), and that unit is not started.`,
      );
    }
  },
};
