import { directivesOfSection, newerDirectives, sectionsHaving } from "../data.js";
import { moveEntryFix, renameKeyFix } from "../edits.js";
import { allEntries, type UnitRule } from "../rule.js";
import { closest } from "../suggest.js";

export const unknownDirective: UnitRule = {
  meta: {
    id: "systemd/unknown-directive",
    severity: "error",
    doc: "A key systemd does not know in this section; it is ignored, so the setting never takes effect.",
  },
  check(ctx, report) {
    for (const entry of allEntries(ctx.unit)) {
      const section = entry.section.name;
      if (!ctx.isKnownSection(section) || section.startsWith("X-") || entry.key.startsWith("X-")) continue;
      if (ctx.directiveOf(entry)) continue;
      if (newerDirectives.some((d) => d.name === entry.key && d.sections.includes(section))) continue;
      const where = sectionsHaving(entry.key, ctx.type).filter(
        (s) => ctx.isKnownSection(s) || !ctx.unit.sections.some((x) => x.name === s),
      );
      if (where.length > 0) {
        const target = where[0] as string;
        report(entry.keyRange, `${entry.key}= belongs in [${target}], not [${section}]; systemd ignores it here.`, [
          moveEntryFix(ctx.unit, entry, target),
        ]);
        continue;
      }
      const names = directivesOfSection(section, ctx.type).map((d) => d.name);
      const guesses = closest(entry.key, names, 3);
      const first = guesses[0];
      const elsewhere = first ? undefined : closest(entry.key, allSectionNames(ctx.type))[0];
      const hint = first ? ` Did you mean '${first}'?` : elsewhere ? ` Did you mean '${elsewhere}'?` : "";
      report(
        entry.keyRange,
        `Unknown directive '${entry.key}' in [${section}]; systemd ignores it.${hint}`,
        guesses.map((g, i) => renameKeyFix(entry, g, i === 0)),
      );
    }
  },
};

function allSectionNames(type: Parameters<typeof sectionsHaving>[1]): string[] {
  return ["Unit", "Service", "Socket", "Mount", "Automount", "Swap", "Timer", "Path", "Slice", "Scope", "Install"].flatMap((s) =>
    directivesOfSection(s, type).map((d) => d.name),
  );
}
