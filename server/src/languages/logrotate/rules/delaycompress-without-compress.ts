import { inheritedFromConf } from "../config-set.js";
import { inSnippetDir, scopes } from "../effective.js";
import type { LogrotateRule } from "../rule.js";
import { logrotateVersion } from "../version.js";

export const delaycompressWithoutCompress: LogrotateRule = {
  meta: {
    id: "logrotate/delaycompress-without-compress",
    severity: "warning",
    doc: "`delaycompress` where `compress` is not in force (Debian's logrotate.conf does not turn it on): nothing is compressed, so the delay does nothing.",
  },
  check(ctx, report) {
    for (const s of scopes(ctx.file)) {
      const delay = s.own.filter((d) => d.name.text === "delaycompress").pop();
      if (!delay || s.eff.get("delaycompress") !== delay) continue;
      const compress = s.eff.winner("compress");
      if (compress?.name.text === "compress") continue;
      // A logrotate.conf of the workspace that turns compress on for the files it includes.
      const conf = compress
        ? undefined
        : inheritedFromConf(ctx.path, ctx.workspace.logrotateConfigs?.() ?? [], logrotateVersion(ctx.settings), ["compress", "nocompress"]);
      if (conf === "compress") continue;
      const why = compress
        ? `'nocompress' on line ${compress.line + 1} turns compression off`
        : `nothing here turns on 'compress'${inSnippetDir(ctx.path) ? " (and Debian's logrotate.conf leaves it off)" : ""}`;
      report(delay.name.range, `'delaycompress' has no effect: ${why}, so the rotated logs are never compressed at all. Add 'compress'.`, [
        {
          title: "Add 'compress'",
          edits: [
            {
              range: { start: delay.name.range.start, end: delay.name.range.start },
              newText: `compress\n${" ".repeat(delay.name.range.start.character)}`,
            },
          ],
          preferred: true,
        },
      ]);
    }
  },
};
