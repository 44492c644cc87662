import { allSections, sectionsForType } from "../data.js";
import type { UnitRule } from "../rule.js";
import { closest } from "../suggest.js";

export const unknownSection: UnitRule = {
  meta: {
    id: "systemd/unknown-section",
    severity: "error",
    doc: "A section this unit type does not have; systemd ignores it and every setting in it.",
  },
  check(ctx, report) {
    const valid = ctx.type ? sectionsForType(ctx.type) : allSections;
    for (const section of ctx.unit.sections) {
      if (ctx.isKnownSection(section.name)) continue;
      const typeNote = ctx.type ? ` A .${ctx.type} unit has ${valid.map((s) => `[${s}]`).join(", ")}.` : "";
      const [guess] = closest(section.name, valid);
      const elsewhere = !guess && allSections.includes(section.name) && ctx.type ? ` [${section.name}] belongs in another unit type.` : "";
      report(
        section.nameRange,
        `Unknown section [${section.name}]; systemd ignores it and all its settings.${guess ? ` Did you mean [${guess}]?` : ""}${elsewhere}${typeNote}`,
        guess ? [{ title: `Rename to [${guess}]`, edits: [{ range: section.nameRange, newText: guess }], preferred: true }] : undefined,
      );
    }
  },
};
