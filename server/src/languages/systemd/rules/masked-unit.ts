import type { UnitFile } from "../parser.js";
import type { UnitRule } from "../rule.js";

/** Zero bytes: what systemd treats as masked (a file holding only a newline is not). */
export function isEmptyFile(unit: UnitFile): boolean {
  return unit.lines.length === 1 && unit.lines[0] === "";
}

/** An empty unit file is how a unit is masked; it is worth saying, since a truncated file looks the same. */
export const maskedUnit: UnitRule = {
  meta: {
    id: "systemd/masked-unit",
    severity: "info",
    doc: "The unit file is empty: systemd treats an empty unit file as masked, so the unit cannot be started.",
  },
  check(ctx, report) {
    if (ctx.info.isDropIn || !ctx.type || !isEmptyFile(ctx.unit)) return;
    report(
      { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      "The file is empty: systemd treats an empty unit file as masked, so the unit cannot be started. If that is the intent, a symlink to /dev/null says it more clearly.",
    );
  },
};
