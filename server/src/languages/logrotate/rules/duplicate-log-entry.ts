import { certainClaims, readingOrder } from "../config-set.js";
import type { LogrotateRule } from "../rule.js";
import { logrotateVersion } from "../version.js";

const baseOf = (p: string) => p.split("/").pop() ?? p;

export const duplicateLogEntry: LogrotateRule = {
  meta: {
    id: "logrotate/duplicate-log-entry",
    severity: "error",
    doc: "A log file (or the same glob pattern) named by two blocks, in one file or across logrotate.conf and the files of logrotate.d (in the order logrotate reads them, taboo files left out): logrotate reports a duplicate log entry, leaves the file out of the second block and exits with an error.",
  },
  check(ctx, report) {
    const order = readingOrder(ctx.path, ctx.workspace.logrotateConfigs?.() ?? [], logrotateVersion(ctx.settings));
    if (order.skippedBy) return;
    const seen = new Map<string, string>();
    for (const b of order.before)
      for (const c of certainClaims(b.path, b.file)) if (!seen.has(c.path)) seen.set(c.path, `${baseOf(b.path)}, line ${c.line + 1}`);
    for (const c of certainClaims(ctx.path, ctx.file)) {
      const first = seen.get(c.path);
      if (first)
        report(
          c.range,
          c.glob
            ? `The pattern '${c.path}' is already rotated by ${first}: it matches the same files there, so logrotate reports a duplicate log entry, leaves them out of this block and exits with an error. Remove one of them (or add \`ignoreduplicates\` in 3.22).`
            : `'${c.path}' is already rotated by ${first}: logrotate reports a duplicate log entry, leaves it out of this block and exits with an error. Remove one of them (or add \`ignoreduplicates\` in 3.22).`,
        );
      else seen.set(c.path, `line ${c.line + 1}`);
    }
  },
};
