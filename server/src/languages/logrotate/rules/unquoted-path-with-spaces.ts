import type { LogrotateRule } from "../rule.js";

export const unquotedPathWithSpaces: LogrotateRule = {
  meta: {
    id: "logrotate/unquoted-path-with-spaces",
    severity: "warning",
    doc: "A path list with a relative part (`/var/log/my app.log`): a blank separates paths, so this is two paths, the second relative to logrotate's working directory. Quote a path that contains blanks.",
  },
  check(ctx, report) {
    for (const b of ctx.file.blocks) {
      b.patterns.forEach((p, i) => {
        const raw = ctx.file.text.slice(p.offset, p.offset + 1);
        if (raw === '"' || raw === "'" || p.text.startsWith("/") || p.text.startsWith("~")) return;
        const prev = b.patterns[i - 1];
        const joined =
          prev && prev.range.end.line === p.range.start.line ? ctx.file.text.slice(prev.offset, p.offset + p.text.length) : undefined;
        report(
          p.range,
          `'${p.text}' is not an absolute path: logrotate reads it as a path of its own, relative to its working directory${joined ? `; if you meant '${joined}', quote it` : ""}.`,
          joined && prev
            ? [
                {
                  title: `Quote '${joined}'`,
                  edits: [{ range: { start: prev.range.start, end: p.range.end }, newText: `"${joined}"` }],
                  preferred: true,
                },
              ]
            : undefined,
        );
      });
    }
  },
};
