import { entryRule } from "../entry-rule.js";
import { hasSpecifier, userGroupProblem } from "../values/names.js";

const userKeys = new Set(["User", "Group", "SupplementaryGroups"]);
/** The strict name rule that useradd and most tools follow; systemd accepts more but warns. */
const strict = /^[a-zA-Z_][a-zA-Z0-9_-]{0,30}\$?$/;

export const nonportableUserName = entryRule({
  meta: {
    id: "systemd/nonportable-user-name",
    severity: "warning",
    doc: "A user or group name systemd accepts only under its relaxed rules (and warns about): other tools on the host may reject it.",
  },
  checkEntry(entry, ctx, report) {
    if (!userKeys.has(entry.key) || !ctx.directiveOf(entry)) return;
    // User= and Group= take one name (which may contain spaces); SupplementaryGroups= a list.
    const names =
      entry.key === "SupplementaryGroups"
        ? [...entry.value.matchAll(/\S+/g)].map((m) => ({ name: m[0], start: m.index ?? 0 }))
        : [{ name: entry.value, start: 0 }];
    for (const { name, start } of names) {
      if (/^\d+$/.test(name) || hasSpecifier(name) || strict.test(name) || userGroupProblem(name)) continue;
      report(
        { start: entry.positionAt(start), end: entry.positionAt(start + name.length) },
        `'${name}' does not follow the strict user/group name rules (letters, digits, '_' and '-', not starting with a digit or '-', at most 31 characters); systemd accepts it with a warning, other tools may not.`,
      );
    }
  },
});
