import type { CodeLens, LanguageContext } from "../../core/language.js";
import { showEffectiveUnitCommand } from "../../protocol.js";
import { unitContext } from "./context.js";
import type { UnitFile } from "./parser.js";

/**
 * A lens on the first line of a drop-in, or of a unit file that has drop-ins,
 * that opens the unit as systemd merges it (the client command of protocol.ts).
 * A unit file alone is its own effective unit: no lens.
 */
export function effectiveUnitLenses(unit: UnitFile, lctx: LanguageContext): CodeLens[] {
  const ctx = unitContext(unit, lctx);
  const loaded = ctx.effective();
  if (!loaded || (!ctx.info.isDropIn && loaded.dropIns.length === 0)) return [];
  const n = loaded.dropIns.length;
  const parts = [...(loaded.fragment ? ["unit file"] : []), `${n} drop-in${n === 1 ? "" : "s"}`];
  return [
    {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      title: `Effective ${loaded.name}: ${parts.join(" + ")}`,
      // The server adds the document's URI as the argument.
      command: { id: showEffectiveUnitCommand, arguments: [] },
    },
  ];
}
