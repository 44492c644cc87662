import type { DependencyEdge, DependencyGraph } from "./dependency-graph.js";

/**
 * Ordering cycles as systemd meets them. systemd checks the order of the jobs
 * of one transaction (src/core/transaction.c): starting a unit adds a start
 * job for it and for everything it pulls in (Requires=, Wants=, BindsTo=,
 * their links, and here the [Install] section as if enabled), and when the
 * After=/Before= edges between those jobs form a cycle it deletes one job to
 * break it ("Found ordering cycle"). So a cycle counts when one unit's start
 * pulls in every unit of it — at boot, default.target pulls in all that is
 * enabled. Cycles among units that never start together are left alone, as
 * are units known only by name (not loaded, they get no job).
 */

export interface OrderingCycle {
  /** units[i] starts after units[i + 1]; the last after the first. */
  units: string[];
  /** The edge behind each step: edges[i] is `units[i] after units[i+1]`. */
  edges: DependencyEdge[];
  /** A unit whose start pulls in the whole cycle. */
  pulledInBy: string;
}

export interface CycleEdge {
  edge: DependencyEdge;
  cycle: OrderingCycle;
}

const pullKinds = new Set(["requires", "wants", "binds-to"]);
const MAX_ROOTS = 2000;

const memo = new WeakMap<DependencyGraph, CycleEdge[]>();

/** Every ordering edge that takes part in a cycle systemd would meet, each with one cycle through it. */
export function cycleEdges(graph: DependencyGraph): CycleEdge[] {
  const known = memo.get(graph);
  if (known) return known;
  const result = findCycleEdges(graph);
  memo.set(graph, result);
  return result;
}

/** The distinct cycles of the graph. */
export function orderingCycles(graph: DependencyGraph): OrderingCycle[] {
  return [...new Set(cycleEdges(graph).map((c) => c.cycle))];
}

function eligible(graph: DependencyGraph, name: string): boolean {
  const node = graph.nodes.get(name);
  return node !== undefined && node.known !== "name" && !node.masked;
}

function findCycleEdges(graph: DependencyGraph): CycleEdge[] {
  const after = new Map<string, DependencyEdge[]>();
  for (const e of graph.edges) {
    if (e.kind !== "after" || e.from === e.to || !eligible(graph, e.from) || !eligible(graph, e.to)) continue;
    const list = after.get(e.from);
    if (list) list.push(e);
    else after.set(e.from, [e]);
  }
  const components = stronglyConnected([...after.keys()], (n) => (after.get(n) ?? []).map((e) => e.to)).filter((c) => c.length > 1);
  if (components.length === 0) return [];

  const pulledBy = new Map<string, string[]>();
  const pulls = new Map<string, string[]>();
  for (const e of graph.edges) {
    if (!pullKinds.has(e.kind) || !eligible(graph, e.from) || !eligible(graph, e.to)) continue;
    pulledBy.set(e.to, [...(pulledBy.get(e.to) ?? []), e.from]);
    pulls.set(e.from, [...(pulls.get(e.from) ?? []), e.to]);
  }
  const closureCache = new Map<string, Set<string>>();
  const closure = (root: string): Set<string> => {
    let seen = closureCache.get(root);
    if (seen) return seen;
    seen = new Set([root]);
    const stack = [root];
    while (stack.length > 0)
      for (const next of pulls.get(stack.pop() as string) ?? []) {
        if (seen.has(next)) continue;
        seen.add(next);
        stack.push(next);
      }
    closureCache.set(root, seen);
    return seen;
  };

  const out: CycleEdge[] = [];
  const cycles = new Map<string, OrderingCycle>();
  for (const component of components) {
    const members = new Set(component);
    // Roots: every unit whose start pulls in some member (the members themselves included).
    const roots = new Set<string>(component);
    const stack = [...component];
    while (stack.length > 0 && roots.size < MAX_ROOTS)
      for (const prev of pulledBy.get(stack.pop() as string) ?? []) {
        if (roots.has(prev)) continue;
        roots.add(prev);
        stack.push(prev);
      }
    // The members each root's transaction holds; only the largest sets matter (a cycle in a subset is one in the set).
    const jobSets: { root: string; jobs: Set<string> }[] = [];
    for (const root of [...roots].sort()) {
      const jobs = new Set([...closure(root)].filter((n) => members.has(n)));
      if (jobs.size < 2 || jobSets.some((s) => isSubset(jobs, s.jobs))) continue;
      for (let i = jobSets.length - 1; i >= 0; i--) if (isSubset((jobSets[i] as { jobs: Set<string> }).jobs, jobs)) jobSets.splice(i, 1);
      jobSets.push({ root, jobs });
    }
    const reported = new Set<DependencyEdge>();
    for (const { root, jobs } of jobSets) {
      const inside = (n: string) => (after.get(n) ?? []).filter((e) => jobs.has(e.to));
      for (const part of stronglyConnected([...jobs], (n) => inside(n).map((e) => e.to))) {
        if (part.length < 2) continue;
        const within = new Set(part);
        for (const from of part)
          for (const edge of inside(from)) {
            if (!within.has(edge.to) || reported.has(edge)) continue;
            const back = shortestPath(edge.to, from, (n) => inside(n).filter((e) => within.has(e.to)));
            if (!back) continue;
            const steps = [edge, ...back];
            const units = steps.map((s) => s.from);
            const key = canonicalKey(units);
            let cycle = cycles.get(key);
            if (!cycle) {
              cycle = { units, edges: steps, pulledInBy: root };
              cycles.set(key, cycle);
            }
            reported.add(edge);
            out.push({ edge, cycle });
          }
      }
    }
  }
  return out;
}

function isSubset(a: Set<string>, b: Set<string>): boolean {
  if (a.size > b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

/** The same cycle read from any of its units gives one key. */
function canonicalKey(units: string[]): string {
  let best = 0;
  for (let i = 1; i < units.length; i++) if ((units[i] as string) < (units[best] as string)) best = i;
  return [...units.slice(best), ...units.slice(0, best)].join("\u0000");
}

/** Breadth-first: the edges of a shortest path from `from` to `to`. */
function shortestPath(from: string, to: string, next: (n: string) => DependencyEdge[]): DependencyEdge[] | undefined {
  const via = new Map<string, DependencyEdge | null>([[from, null]]);
  const queue = [from];
  while (queue.length > 0) {
    const n = queue.shift() as string;
    if (n === to) break;
    for (const e of next(n)) {
      if (via.has(e.to)) continue;
      via.set(e.to, e);
      queue.push(e.to);
    }
  }
  if (!via.has(to)) return undefined;
  const path: DependencyEdge[] = [];
  for (let e = via.get(to); e; e = via.get(e.from)) path.unshift(e);
  return path;
}

/** Tarjan's algorithm, iterative so a long chain cannot overflow the stack. */
function stronglyConnected(nodes: string[], next: (n: string) => string[]): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  let counter = 0;
  for (const start of nodes) {
    if (index.has(start)) continue;
    const work: { node: string; children: string[]; i: number }[] = [];
    const open = (n: string) => {
      index.set(n, counter);
      low.set(n, counter);
      counter++;
      stack.push(n);
      onStack.add(n);
      work.push({ node: n, children: next(n), i: 0 });
    };
    open(start);
    while (work.length > 0) {
      const frame = work[work.length - 1] as { node: string; children: string[]; i: number };
      if (frame.i < frame.children.length) {
        const child = frame.children[frame.i++] as string;
        if (!index.has(child)) open(child);
        else if (onStack.has(child)) low.set(frame.node, Math.min(low.get(frame.node) as number, index.get(child) as number));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node) as number, low.get(frame.node) as number));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let n: string;
        do {
          n = stack.pop() as string;
          onStack.delete(n);
          component.push(n);
        } while (n !== frame.node);
        out.push(component);
      }
    }
  }
  return out;
}
