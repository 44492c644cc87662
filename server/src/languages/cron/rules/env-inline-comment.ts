import type { CronRule } from "../rule.js";

export const envInlineComment: CronRule = {
  meta: {
    id: "cron/env-inline-comment",
    severity: "warning",
    doc: "A '#' comment after an environment value (`MAILTO=ops@example.com # team`): cron has no trailing comments, the comment becomes part of the value (mail goes to a garbled address, PATH gets a bogus last directory).",
  },
  check(ctx, report) {
    for (const env of ctx.envs) {
      if (env.quoted) continue;
      const at = env.value.search(/[ \t]#/);
      if (at < 0) continue;
      const commentStart = env.valueToken.offset + at + 1;
      const keep = env.value.slice(0, at).trimEnd();
      const start = ctx.file.positionAt(commentStart);
      report(
        { start, end: env.valueToken.range.end },
        `cron has no comments after a value: ${env.key} is set to '${env.value}', comment included. Put the comment on its own line.`,
        [
          {
            title: "Move the comment to its own line",
            preferred: true,
            edits: [
              {
                range: { start: { line: env.line, character: 0 }, end: { line: env.line, character: 0 } },
                newText: `${env.value.slice(at + 1)}\n`,
              },
              { range: { start: ctx.file.positionAt(env.valueToken.offset + keep.length), end: env.valueToken.range.end }, newText: "" },
            ],
          },
        ],
      );
    }
  },
};
