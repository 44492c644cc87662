import type { LogrotateRule } from "../rule.js";

export const directoryPattern: LogrotateRule = {
  meta: {
    id: "logrotate/directory-pattern",
    severity: "warning",
    doc: "A path ending in `/` (a directory): logrotate skips directories among the matches, so the block rotates nothing. Name the files (`/var/log/app/*.log`).",
  },
  check(ctx, report) {
    for (const b of ctx.file.blocks)
      for (const p of b.patterns) {
        if (!p.text.endsWith("/") || p.text === "/") continue;
        report(
          p.range,
          `'${p.text}' is a directory: logrotate skips directories, so this rotates nothing. Write '${p.text}*.log' (or the file names).`,
          [
            {
              title: `Write '${p.text}*.log'`,
              edits: [
                {
                  range: p.range,
                  newText: `${ctx.file.text.slice(p.offset, p.offset + 1) === '"' ? `"${p.text}*.log"` : `${p.text}*.log`}`,
                },
              ],
            },
          ],
        );
      }
  },
};
