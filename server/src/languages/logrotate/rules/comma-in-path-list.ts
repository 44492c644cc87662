import type { LogrotateRule } from "../rule.js";

/** A comma used as a list separator: at the end of a path, or right before the next absolute path. */
const separatorComma = /,$|,(?=[/~"'])/;

export const commaInPathList: LogrotateRule = {
  meta: {
    id: "logrotate/comma-in-path-list",
    severity: "warning",
    doc: "Paths of one block separated by commas (`/var/log/a.log, /var/log/b.log`): logrotate separates paths by blanks only, so the comma becomes part of a file name that does not exist. Without `missingok` logrotate reports an error on every run; with it, that log is silently never rotated. Separate the paths with blanks.",
  },
  check(ctx, report) {
    for (const b of ctx.file.blocks)
      for (const p of b.patterns) {
        const quote = ctx.file.text.slice(p.offset, p.offset + 1);
        // A quoted name is taken as written; a brace glob (`{a,b}.log`) uses commas on purpose.
        if (quote === '"' || quote === "'" || !separatorComma.test(p.text)) continue;
        const fixed = p.text.replace(/,+$/, "").replace(/,(?=[/~"'])/g, " ");
        const named = p.text.slice(0, p.text.search(separatorComma) + 1);
        report(
          p.range,
          `logrotate separates paths by blanks, not commas: it looks for a file named '${named}', which does not exist, so that log is never rotated (with missingok, without a word). Write '${fixed}'.`,
          [{ title: `Write '${fixed}'`, edits: [{ range: p.range, newText: fixed }], preferred: true }],
        );
      }
  },
};
