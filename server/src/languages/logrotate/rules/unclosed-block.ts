import type { LogrotateRule } from "../rule.js";

const codes = new Set(["unexpected-close", "missing-open", "path-in-block", "unclosed-block", "text-after-close"]);

export const unclosedBlock: LogrotateRule = {
  meta: {
    id: "logrotate/unclosed-block",
    severity: "error",
    doc: "Braces that do not pair up: a block without '}', paths without '{', a '}' with no block, text after '}': logrotate rejects the block or the file.",
  },
  check(ctx, report) {
    for (const p of ctx.file.problems) if (codes.has(p.code)) report(p.range, p.message);
  },
};
