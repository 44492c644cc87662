import type { LogrotateRule } from "../rule.js";

export const unclosedAtEnd: LogrotateRule = {
  meta: {
    id: "logrotate/unclosed-at-end",
    severity: "warning",
    doc: "A block still open when the file ends: logrotate accepts it silently, but whatever is appended to the file later becomes part of the block.",
  },
  check(ctx, report) {
    for (const p of ctx.file.problems) if (p.code === "unclosed-at-end") report(p.range, p.message);
  },
};
