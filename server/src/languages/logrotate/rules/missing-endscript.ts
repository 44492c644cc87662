import type { LogrotateRule } from "../rule.js";

export const missingEndscript: LogrotateRule = {
  meta: {
    id: "logrotate/missing-endscript",
    severity: "error",
    doc: "A script (`postrotate`, `prerotate`, `firstaction`, `lastaction`, `preremove`) without `endscript` on a line of its own: logrotate reads the rest of the file as shell and rejects it.",
  },
  check(ctx, report) {
    for (const p of ctx.file.problems) if (p.code === "missing-endscript") report(p.range, p.message);
  },
};
