import { readingOrder } from "../config-set.js";
import type { LogrotateRule } from "../rule.js";
import { logrotateVersion } from "../version.js";

export const skippedByTaboo: LogrotateRule = {
  meta: {
    id: "logrotate/skipped-by-taboo",
    severity: "warning",
    doc: "A file in logrotate.d whose name matches a taboo pattern (`*.bak`, `*.dpkg-old`, `*~`, what `tabooext`/`taboopat` in logrotate.conf add): logrotate never reads it.",
  },
  check(ctx, report) {
    const order = readingOrder(ctx.path, ctx.workspace.logrotateConfigs?.() ?? [], logrotateVersion(ctx.settings));
    if (!order.skippedBy) return;
    const first = ctx.file.blocks[0]?.patterns[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    report(
      first,
      `logrotate skips this file when it reads logrotate.d: its name matches the taboo pattern '${order.skippedBy}', so none of its blocks ever run. Rename it.`,
    );
  },
};
