import type { LogrotateRule } from "../rule.js";

export const tabooextReplacesDefaults: LogrotateRule = {
  meta: {
    id: "logrotate/tabooext-replaces-defaults",
    severity: "warning",
    doc: "`tabooext`/`taboopat` without a leading `+`: the list replaces the default taboo list, so backup files such as `nginx.dpkg-old` or `app.bak` in logrotate.d are read again (and their logs claimed twice).",
  },
  check(ctx, report) {
    for (const d of ctx.file.directives) {
      if ((d.name.text !== "tabooext" && d.name.text !== "taboopat") || !d.value || d.block) continue;
      if (d.value.text.startsWith("+")) continue;
      report(
        d.value.range,
        `Without '+', ${d.name.text} replaces the default taboo list: files such as 'app.dpkg-old', 'app.bak' or 'app~' in an included directory are read as configs again. Write '+ ${d.value.text}' to add to the list.`,
        [{ title: "Add to the list ('+')", edits: [{ range: d.value.range, newText: `+ ${d.value.text}` }], preferred: true }],
      );
    }
  },
};
