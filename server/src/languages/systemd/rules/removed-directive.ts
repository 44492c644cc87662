import { entryRule } from "../entry-rule.js";

/**
 * Directives systemd still recognises only to drop them: PID 1 logs "Support
 * for option X= has been removed and it is ignored", so the setting has no
 * effect at all (config_parse_warn_compat with DISABLED_LEGACY).
 */
export const removedDirective = entryRule({
  meta: {
    id: "systemd/removed-directive",
    severity: "warning",
    doc: "A directive whose support systemd removed: it accepts the line and ignores it, so the setting has no effect.",
  },
  checkEntry(entry, ctx, report) {
    const d = ctx.directiveOf(entry);
    if (d?.status !== "removed-ignored") return;
    const since = d.deprecatedSince ? ` in systemd ${d.deprecatedSince}` : "";
    const instead = d.replacement ? `; use ${d.replacement.split(" ").join(" or ")} instead` : "";
    report(entry.keyRange, `${d.name}= was removed${since}; systemd ignores it, so it has no effect${instead}.`);
  },
});
