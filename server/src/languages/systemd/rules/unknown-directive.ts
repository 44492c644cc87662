import { GenerationalCache } from "../../../core/memo.js";
import { directivesOfSection, newerDirectives, sectionsHaving } from "../data.js";
import { moveEntryFix, renameKeyFix } from "../edits.js";
import { entryRule } from "../entry-rule.js";
import { closest } from "../suggest.js";

export const unknownDirective = entryRule({
  meta: {
    id: "systemd/unknown-directive",
    severity: "error",
    doc: "A key systemd does not know in this section; it is ignored, so the setting never takes effect.",
  },
  checkEntry(entry, ctx, report) {
    const section = entry.section.name;
    if (!ctx.isKnownSection(section) || section.startsWith("X-") || entry.key.startsWith("X-")) return;
    if (ctx.directiveOf(entry)) return;
    if (newerDirectives.some((d) => d.name === entry.key && d.sections.includes(section))) return;
    // The sections that have this key for this unit type (all of them valid for the type).
    const target = sectionsHaving(entry.key, ctx.type)[0];
    if (target !== undefined) {
      report(entry.keyRange, `${entry.key}= belongs in [${target}], not [${section}]; systemd ignores it here.`, (unit) => [
        moveEntryFix(unit, entry, target),
      ]);
      return;
    }
    const { guesses, elsewhere } = guessesFor(entry.key, section, ctx.type);
    const first = guesses[0];
    const hint = first ? ` Did you mean '${first}'?` : elsewhere ? ` Did you mean '${elsewhere}'?` : "";
    report(
      entry.keyRange,
      `Unknown directive '${entry.key}' in [${section}]; systemd ignores it.${hint}`,
      guesses.map((g, i) => renameKeyFix(entry, g, i === 0)),
    );
  },
});

function allSectionNames(type: UnitType): string[] {
  return ["Unit", "Service", "Socket", "Mount", "Automount", "Swap", "Timer", "Path", "Slice", "Scope", "Install"].flatMap((s) =>
    directivesOfSection(s, type).map((d) => d.name),
  );
}

type UnitType = Parameters<typeof sectionsHaving>[1];

/** Suggestions by unit type, section and key: a typo stays in the file while the rest of it is edited. */
const suggestions = new GenerationalCache<{ guesses: string[]; elsewhere: string | undefined }>(2000);

function guessesFor(key: string, section: string, type: UnitType): { guesses: string[]; elsewhere: string | undefined } {
  const cacheKey = `${type ?? ""}\0${section}\0${key}`;
  let found = suggestions.get(cacheKey);
  if (!found) {
    const names = directivesOfSection(section, type).map((d) => d.name);
    const guesses = closest(key, names, 3);
    const elsewhere = guesses[0] ? undefined : closest(key, allSectionNames(type))[0];
    found = { guesses, elsewhere };
    suggestions.set(cacheKey, found);
  }
  return found;
}
