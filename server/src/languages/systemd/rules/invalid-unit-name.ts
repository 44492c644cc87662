import type { UnitRule } from "../rule.js";
import { validateUnitName } from "../unit-name.js";

const templatable = new Set(["service", "socket", "target", "timer", "path"]);

export const invalidUnitName: UnitRule = {
  meta: {
    id: "systemd/invalid-unit-name",
    severity: "error",
    doc: "A unit file (or drop-in directory) whose name systemd does not accept as a unit name.",
  },
  check(ctx, report) {
    const at = ctx.unit.sections[0]?.nameRange ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const { info } = ctx;
    if (!info.type || !info.unitName) return;
    const reason = validateUnitName(info.unitName);
    if (reason) {
      report(at, `The file name is not a valid unit name: ${reason}.`);
      return;
    }
    if ((info.isTemplate || info.isInstance) && !templatable.has(info.type)) {
      report(at, `.${info.type} units cannot be templates or instances; only ${[...templatable].map((t) => `.${t}`).join(" ")} can.`);
    }
  },
};
