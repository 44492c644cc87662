import { inSnippetDir } from "../effective.js";
import type { LogrotateRule } from "../rule.js";

export const globalOptionInSnippet: LogrotateRule = {
  meta: {
    id: "logrotate/global-option-in-snippet",
    severity: "warning",
    doc: "A directive outside any block in a file of logrotate.d: logrotate keeps it for every file of the directory read after this one, so it silently changes other packages' rotation.",
  },
  check(ctx, report) {
    if (!inSnippetDir(ctx.path)) return;
    for (const d of ctx.file.directives) {
      if (d.block || d.name.text === "endscript") continue;
      report(
        d.name.range,
        `'${d.name.text}' outside a block in a logrotate.d file also applies to every file logrotate reads after this one in the directory (other packages' logs). Move it into the block.`,
      );
    }
  },
};
