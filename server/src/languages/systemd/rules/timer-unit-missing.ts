import { isUnitType } from "../data.js";
import type { UnitRule } from "../rule.js";
import { typeOfName } from "../unit-query.js";
import { seesUnitNamed, templateOf } from "../unit-set.js";

const namesUnit = (value: string) => value.includes(".") && isUnitType(typeOfName(value)) && !/\s/.test(value);

export const timerUnitMissing: UnitRule = {
  meta: {
    id: "systemd/timer-unit-missing",
    severity: "warning",
    doc: "The unit a timer starts (Unit=, or the service of the same name) is not among the unit files of the workspace. Checked only when the workspace holds unit files.",
  },
  check(ctx, report) {
    if (ctx.info.isDropIn || ctx.type !== "timer" || !ctx.info.unitName) return;
    // A scan that stopped at its budget proves nothing about what is missing (the server says so once).
    if (ctx.workspace.incomplete?.()) return;
    // Only a workspace that holds other units says anything about what is missing.
    const names = ctx.workspace.unitNames();
    if (names.length === 0 || (names.length === 1 && names[0] === ctx.info.unitName)) return;
    let unitEntry: (typeof ctx.unit.sections)[number]["entries"][number] | undefined;
    for (const section of ctx.unit.sections) {
      if (section.name !== "Timer") continue;
      // systemd ignores a Unit= that names no unit (`Unit=cleanup`: invalid-value says so) and keeps the one before.
      for (const entry of section.entries)
        if (entry.key === "Unit" && entry.value !== "" && (entry.value.includes("%") || namesUnit(entry.value))) unitEntry = entry;
    }
    if (unitEntry?.value.includes("%")) return;
    const target = unitEntry?.value ?? ctx.info.unitName.replace(/\.timer$/, ".service");
    const template = templateOf(target);
    // Looked up as the timer's own tree sees units: in a fleet repository, another host's service of that name does not count.
    if (seesUnitNamed(ctx.workspace, target, ctx.path) || (template !== undefined && seesUnitNamed(ctx.workspace, template, ctx.path)))
      return;
    if (unitEntry) {
      report(
        unitEntry.valueRange,
        `Unit=${target} is not among the unit files of this workspace; the timer fails to start it unless the host provides it.`,
      );
      return;
    }
    const section = ctx.unit.sections.find((s) => s.name === "Timer") ?? ctx.unit.sections[0];
    if (!section) return;
    report(
      section.nameRange,
      `This timer starts ${target} (the service of the same name), which is not among the unit files of this workspace. Add it, or name the unit to start with Unit=.`,
    );
  },
};
