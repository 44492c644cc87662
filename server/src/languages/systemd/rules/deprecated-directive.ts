import type { Fix } from "../../../core/diagnostic.js";
import { lookupDirective } from "../data.js";
import { moveEntryFix, renameKeyFix } from "../edits.js";
import { entryRule } from "../entry-rule.js";
import type { UnitFile } from "../parser.js";

export const deprecatedDirective = entryRule({
  meta: {
    id: "systemd/deprecated-directive",
    // systemd 252 takes most of these without a word (aliases, [Service] copies of [Unit] settings,
    // PermissionsStartOnly=); Debian ships many of them. Removed ones are systemd/removed-directive.
    severity: "info",
    doc: "A directive systemd still honours under an old name, in an old section, or while deprecated; with its replacement.",
  },
  checkEntry(entry, ctx, report) {
    const d = ctx.directiveOf(entry);
    if (!d || d.status === "current" || d.status === "removed-ignored") return;
    const since = d.deprecatedSince ? ` since systemd ${d.deprecatedSince}` : "";
    const fixes: ((unit: UnitFile) => Fix)[] = [];
    let message: string;
    const replacement = d.replacement;
    switch (d.status) {
      case "moved": {
        const m = /^\[(\w+)\]\s+(\w+)$/.exec(replacement ?? "");
        const [, target = "Unit", name = d.name] = m ?? [];
        message = `${d.name}= belongs in [${target}]${name !== d.name ? ` as ${name}=` : ""}${since}; [${entry.section.name}] still accepts it for compatibility.`;
        if (name === d.name) fixes.push((unit) => moveEntryFix(unit, entry, target));
        break;
      }
      case "legacy-alias":
        message = `${d.name}= is an old, undocumented name; write ${replacement}=.`;
        break;
      default:
        message = `${d.name}= is ${d.status}${since}${replacement ? `; use ${replacement.includes("=") || replacement.includes(" ") ? replacement : `${replacement}=`} instead` : ""}.`;
    }
    if ((d.status === "legacy-alias" || d.status === "obsolete" || d.status === "deprecated") && replacement && /^\w+$/.test(replacement)) {
      if (lookupDirective(entry.section.name, replacement, ctx.type)) fixes.push(() => renameKeyFix(entry, replacement));
    }
    report(entry.keyRange, message, (unit) => fixes.map((fix) => fix(unit)));
  },
});
