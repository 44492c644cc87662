import { entryRule } from "../entry-rule.js";

/** Values systemd still accepts but warns about when it loads the unit, with what to write instead. */
const deprecatedValues: { section?: string; key: string; value: string; replacement?: string; why: string }[] = [
  {
    key: "KillMode",
    value: "none",
    replacement: "mixed",
    why: "KillMode=none leaves the service's processes running when it stops, outside systemd's control; systemd warns about it and plans to remove it",
  },
  { key: "StandardOutput", value: "syslog", replacement: "journal", why: "syslog output is obsolete; systemd turns it into journal" },
  {
    key: "StandardOutput",
    value: "syslog+console",
    replacement: "journal+console",
    why: "syslog output is obsolete; systemd turns it into journal+console",
  },
  { key: "StandardError", value: "syslog", replacement: "journal", why: "syslog output is obsolete; systemd turns it into journal" },
  {
    key: "StandardError",
    value: "syslog+console",
    replacement: "journal+console",
    why: "syslog output is obsolete; systemd turns it into journal+console",
  },
];

export const deprecatedValue = entryRule({
  meta: {
    id: "systemd/deprecated-value",
    severity: "warning",
    doc: "A value systemd accepts with a warning because it is deprecated (KillMode=none, StandardOutput=syslog), with its replacement.",
  },
  checkEntry(entry, ctx, report) {
    if (!ctx.directiveOf(entry)) return;
    const d = deprecatedValues.find((x) => x.key === entry.key && x.value === entry.value);
    if (!d) return;
    report(
      entry.valueRange,
      `${d.why}.${d.replacement ? ` Write ${entry.key}=${d.replacement}.` : ""}`,
      d.replacement
        ? [
            {
              title: `Change to ${entry.key}=${d.replacement}`,
              preferred: true,
              edits: [{ range: entry.valueRange, newText: d.replacement }],
            },
          ]
        : undefined,
    );
  },
});
