import { isMap, type Node, type YAMLMap } from "yaml";
import type { NetplanConfig, SourceFile } from "./model.js";
import { scalarText, seqScalars, valueAt } from "./model.js";

/** A reference to another definition, as the parser meets it in a definition's body. */
export interface Reference {
  /** The definition holding the reference. */
  from: string;
  /** The ID it names. */
  target: string;
  node: Node;
}

/** The IDs a definition's body names where netplan's parser looks them up (members, links, bond primary, bridge port maps). */
export function referencesOf(id: string, type: string, map: YAMLMap | undefined): Reference[] {
  if (!map) return [];
  const out: Reference[] = [];
  const add = (target: string | undefined, node: Node | undefined) => {
    if (target !== undefined && node) out.push({ from: id, target, node });
  };
  if (type === "bonds" || type === "bridges" || type === "vrfs")
    for (const m of seqScalars(valueAt(map, "interfaces"))) add(m.text, m.node);
  if (type === "vlans" || type === "tunnels" || type === "ethernets") {
    const link = valueAt(map, "link");
    add(scalarText(link), link);
  }
  const params = valueAt(map, "parameters");
  if (type === "bonds") {
    const primary = valueAt(params, "primary");
    add(scalarText(primary), primary);
  }
  if (type === "bridges")
    for (const key of ["path-cost", "port-priority"]) {
      const m = valueAt(params, key);
      if (isMap(m)) for (const p of m.items) add(scalarText(p.key), p.key as Node);
    }
  return out;
}

/**
 * Whether netplan 0.106 parses the file twice, and the reference that makes it: the parser reads a file again when a
 * definition names an ID that the same file defines only further down (an ID of an earlier file is known already).
 * The second reading re-runs every handler, and two of them then find their own first-pass value (see duplicate-setting).
 */
export function secondPassCause(config: NetplanConfig, source: SourceFile): Reference | undefined {
  const order = config.sources.indexOf(source);
  const known = new Set(config.definitions.filter((d) => d.order < order).map((d) => d.id));
  const inFile = config.definitions.filter((d) => d.source === source);
  const laterInFile = (from: number, id: string) => inFile.slice(from + 1).some((d) => d.id === id);
  for (const [i, def] of inFile.entries()) {
    known.add(def.id);
    for (const ref of referencesOf(def.id, def.type, def.map)) if (!known.has(ref.target) && laterInFile(i, ref.target)) return ref;
  }
  return undefined;
}
