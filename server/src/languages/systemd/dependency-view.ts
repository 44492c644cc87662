import type { WorkspaceIndex } from "../../core/language.js";
import { type DependencyEdge, dependencyGraph } from "./dependency-graph.js";
import { cycleEdges, type OrderingCycle } from "./ordering-cycles.js";
import type { UnitFile } from "./parser.js";
import { templateOf, unitNameForPath } from "./unit-set.js";

/**
 * One unit's neighbourhood in the dependency graph, for the editor's
 * dependency view: what it pulls in, what pulls it in, what it is ordered
 * after and before, each other unit with the settings that make the edge and
 * whether that edge takes part in an ordering cycle.
 */

export interface DependencyItem {
  unit: string;
  /** The unit's file in the workspace, when it has one. */
  path?: string;
  /** Where the unit is known from: the workspace, systemd's standard targets, or only by name. */
  known: "workspace" | "standard" | "name";
  /** What makes the edge: `Wants=`, `WantedBy= in foo.service (when enabled)`, `multi-user.target.wants/ link`, or why systemd adds it. */
  via: string[];
  /** Whether an edge to this unit takes part in an ordering cycle that this unit closes with the one viewed. */
  inCycle: boolean;
}

export interface UnitDependencyView {
  unit: string;
  path?: string;
  pullsIn: DependencyItem[];
  pulledInBy: DependencyItem[];
  orderedAfter: DependencyItem[];
  orderedBefore: DependencyItem[];
  /** The ordering cycles the unit is part of, each as its units in order (each starts after the next). */
  cycles: string[][];
}

const pullKinds = new Set(["requires", "requisite", "wants", "binds-to", "upholds", "triggers"]);

const kindNames: Record<string, string> = {
  requires: "Requires",
  requisite: "Requisite",
  wants: "Wants",
  "binds-to": "BindsTo",
  upholds: "Upholds",
  triggers: "activates",
  after: "After",
};

function describe(edge: DependencyEdge, viewed: string): string {
  const directive = edge.source?.directive;
  switch (edge.origin) {
    case "unit":
      // Before=this in another unit reads, from here, as that unit's Before=.
      return edge.source && !edge.source.path.endsWith(viewed) ? `${directive}= in ${pathTail(edge.source.path)}` : `${directive}=`;
    case "install":
      return `${directive}= (when enabled)`;
    case "link":
      return `${edge.source ? pathTail(edge.source.path) : directive} link`;
    case "standard":
      return `${kindNames[edge.kind] ?? edge.kind} (systemd's own unit)`;
    default:
      return edge.reason ?? "implicit";
  }
}

function pathTail(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts.slice(-2).join("/");
}

/** The view of the unit the file at `path` configures (an instance for a template's file when the graph has one), or undefined when the path names no unit. */
export function unitDependencyView(workspace: WorkspaceIndex, path: string, file?: UnitFile): UnitDependencyView | undefined {
  const name = unitNameForPath(path);
  if (!name) return undefined;
  const graph = dependencyGraph(workspace, path, file ? { path, file } : undefined);
  let unit = graph.resolve(name);
  // A template's file stands for its instances; show the first one the graph knows.
  if (!graph.nodes.has(unit) && /@\./.test(unit)) unit = [...graph.nodes.keys()].filter((n) => templateOf(n) === unit).sort()[0] ?? unit;
  const inCycle = cycleEdges(graph);
  const cycleEdgeSet = new Set(inCycle.map((c) => c.edge));
  const cycles = [...new Set(inCycle.map((c) => c.cycle))].filter((c) => c.units.includes(unit));
  const cycleMates = new Set(cycles.flatMap((c) => c.units));
  const items = (edges: DependencyEdge[], other: (e: DependencyEdge) => string, cycleOf: (e: DependencyEdge) => boolean) => {
    const byUnit = new Map<string, DependencyItem>();
    for (const e of edges) {
      const o = other(e);
      if (o === unit) continue;
      let item = byUnit.get(o);
      if (!item) {
        const node = graph.nodes.get(o);
        item = { unit: o, known: node?.known ?? "name", via: [], inCycle: false, ...(node?.path ? { path: node.path } : {}) };
        byUnit.set(o, item);
      }
      const via = describe(e, unit);
      if (!item.via.includes(via)) item.via.push(via);
      if (cycleOf(e)) item.inCycle = true;
    }
    return [...byUnit.values()].sort((a, b) => Number(b.inCycle) - Number(a.inCycle) || a.unit.localeCompare(b.unit));
  };
  const out = graph.outgoing(unit);
  const into = graph.incoming(unit);
  return {
    unit,
    ...(graph.nodes.get(unit)?.path ? { path: graph.nodes.get(unit)?.path } : {}),
    pullsIn: items(
      out.filter((e) => pullKinds.has(e.kind)),
      (e) => e.to,
      (e) => cycleMates.has(e.to),
    ),
    pulledInBy: items(
      into.filter((e) => pullKinds.has(e.kind)),
      (e) => e.from,
      (e) => cycleMates.has(e.from),
    ),
    orderedAfter: items(
      out.filter((e) => e.kind === "after"),
      (e) => e.to,
      (e) => cycleEdgeSet.has(e),
    ),
    orderedBefore: items(
      into.filter((e) => e.kind === "after"),
      (e) => e.from,
      (e) => cycleEdgeSet.has(e),
    ),
    cycles: cycles.map((c) => rotate(c, unit)),
  };
}

function rotate(cycle: OrderingCycle, unit: string): string[] {
  const at = Math.max(0, cycle.units.indexOf(unit));
  return [...cycle.units.slice(at), ...cycle.units.slice(0, at)];
}
