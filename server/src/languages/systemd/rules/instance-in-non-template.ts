import { parserInfo } from "../data.js";
import { instanceIsEmpty, refusedUserAfterEmptyInstance, templateAfterEmptyInstance } from "../empty-instance.js";
import { entryRule } from "../entry-rule.js";

/** Offsets of %i and %I in a value, skipping escaped percent signs (%%i is a literal "%i"). */
function instanceSpecifiers(value: string): { offset: number; specifier: string }[] {
  const out: { offset: number; specifier: string }[] = [];
  for (let i = 0; i < value.length; i++) {
    if (value[i] !== "%") continue;
    const next = value[i + 1];
    if (next === "i" || next === "I") out.push({ offset: i, specifier: `%${next}` });
    i++;
  }
  return out;
}

/** The whitespace-separated word of `value` that contains `offset`. */
function wordAround(value: string, offset: number): string {
  let start = offset;
  while (start > 0 && !/\s/.test(value[start - 1] as string)) start--;
  let end = offset;
  while (end < value.length && !/\s/.test(value[end] as string)) end++;
  return value.slice(start, end);
}

export const instanceInNonTemplate = entryRule({
  meta: {
    id: "systemd/instance-in-non-template",
    severity: "warning",
    doc: "%i or %I in a unit whose name has no '@': it is not a template instance, so systemd expands the instance to an empty string (After=%i.service becomes '.service', which systemd drops). A dependency on a template (foo@%i.service) is left alone: systemd completes it with the unit's own name.",
  },
  // Templates, instances and drop-ins that apply to many units (service.d/, foo-.service.d/) have an instance to expand.
  appliesTo: instanceIsEmpty,
  checkEntry(entry, ctx, report) {
    const name = ctx.info.unitName as string;
    const suffix = name.slice(name.lastIndexOf(".") + 1);
    const directive = ctx.directiveOf(entry);
    const parser = directive && parserInfo(directive.parser);
    // Free text (Description=) only reads oddly; it changes nothing that runs.
    if (!directive || !parser?.specifiers || directive.parser === "config_parse_unit_string_printf") return;
    // A user name that expands to a refused one makes systemd refuse the unit: systemd/invalid-value reports that.
    if (refusedUserAfterEmptyInstance(ctx, entry, directive) !== undefined) return;
    if (templateAfterEmptyInstance(ctx, entry, directive) !== undefined) return;
    const unitNames = parser.kind === "unit-list" || parser.kind === "unit";
    for (const s of instanceSpecifiers(entry.value)) {
      // A dependency on a template (cron-failure@%i.service reads cron-failure@.service) is completed by systemd with
      // this unit's own name (cron-failure@cron-daily.service): a known idiom, not a mistake.
      if (unitNames && /@\.[a-z]+$/.test(wordAround(entry.value, s.offset).replaceAll(/%[iI]/g, ""))) continue;
      const expanded = entry.value.replaceAll(s.specifier, "");
      const reads = expanded.length <= 60 ? `: ${directive.name}= reads '${expanded}'` : "";
      report(
        { start: entry.positionAt(s.offset), end: entry.positionAt(s.offset + 2) },
        `${name} is not a template instance (its name has no '@'), so ${s.specifier} expands to an empty string${reads}. Make the unit a template (NAME@.${suffix}) or write the value out.`,
      );
    }
  },
});
