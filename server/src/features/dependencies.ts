import { pathToFileURL } from "node:url";
import type { WorkspaceIndex } from "../core/language.js";
import { type DependencyItem, unitDependencyView } from "../languages/systemd/dependency-view.js";
import type { UnitFile } from "../languages/systemd/parser.js";
import type { DependencyEntry, UnitDependencies } from "../protocol.js";
import type { Analysis } from "./documents.js";

const none: UnitDependencies = { unit: null, pullsIn: [], pulledInBy: [], orderedAfter: [], orderedBefore: [], cycles: [] };

function entry(item: DependencyItem): DependencyEntry {
  const { path, ...rest } = item;
  return path ? { ...rest, uri: pathToFileURL(path).href } : rest;
}

/** The dependency view of a document (its open text wins), for the etcetera/dependencies request. */
export function dependenciesOf(analysis: Analysis | undefined, path: string, workspace: WorkspaceIndex): UnitDependencies {
  if (analysis && analysis.kind !== "systemd") return none;
  const view = unitDependencyView(workspace, path, analysis?.doc as UnitFile | undefined);
  if (!view) return none;
  return {
    unit: view.unit,
    pullsIn: view.pullsIn.map(entry),
    pulledInBy: view.pulledInBy.map(entry),
    orderedAfter: view.orderedAfter.map(entry),
    orderedBefore: view.orderedBefore.map(entry),
    cycles: view.cycles,
  };
}
