import { directiveInfo } from "../data.js";
import type { LogrotateRule } from "../rule.js";

export const globalOnly: LogrotateRule = {
  meta: {
    id: "logrotate/global-only",
    severity: "error",
    doc: "A directive that logrotate accepts only outside a log block (`tabooext`, `taboopat`): inside a block logrotate rejects the block.",
  },
  check(ctx, report) {
    for (const d of ctx.file.directives) {
      if (!d.block || directiveInfo(d.name.text)?.scope !== "global") continue;
      report(
        d.name.range,
        `'${d.name.text}' may not appear inside a log block: logrotate rejects the block. Move it above the paths, to the global section.`,
      );
    }
  },
};
