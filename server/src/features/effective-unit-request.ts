import type { WorkspaceIndex } from "../core/language.js";
import { effectiveUnit } from "../languages/systemd/effective-unit.js";
import type { UnitFile } from "../languages/systemd/parser.js";
import { unitNameForPath } from "../languages/systemd/unit-set.js";
import type { EffectiveUnitResult } from "../protocol.js";
import type { Analysis } from "./documents.js";

/** The effective unit of the unit file or drop-in at `path` (its open text, if any, wins over the disk's). */
export function newEffectiveUnit(path: string, analysis: Analysis | undefined, workspace: WorkspaceIndex): EffectiveUnitResult {
  const name = unitNameForPath(path);
  if (!name || (analysis && analysis.kind !== "systemd"))
    return { unit: null, found: false, lines: [], text: `# ${path} is not a unit file or a drop-in of one.\n` };
  const current = analysis ? { path, file: analysis.doc as UnitFile } : undefined;
  return effectiveUnit(workspace, name, path, current ? { current } : {});
}
