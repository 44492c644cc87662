import type { Fix } from "../../../core/diagnostic.js";
import { runsAtAll, shellPart } from "../command.js";
import type { CronCheckContext, CronRule, JobInfo } from "../rule.js";

const dangling = new Set(["&&", "||", "|", "|&"]);

/** A fix that puts the comment on a line of its own above the job and drops it (and `drop` before it) from the job. */
export function moveCommentFix(ctx: CronCheckContext, info: JobInfo, commentAt: number, cutFrom: number): Fix {
  const lineStart = info.job.text.length - info.job.text.trimStart().length;
  const comment = info.job.text.slice(commentAt).trimEnd();
  let from = cutFrom;
  while (from > 0 && /[ \t]/.test(info.job.text[from - 1] as string)) from--;
  return {
    title: "Move the comment to its own line",
    preferred: true,
    edits: [
      { range: ctx.lineRange(info.job, lineStart, lineStart), newText: `${comment}\n${info.job.text.slice(0, lineStart)}` },
      { range: ctx.lineRange(info.job, from, info.job.text.trimEnd().length), newText: "" },
    ],
  };
}

export const commentCutsCommand: CronRule = {
  meta: {
    id: "cron/comment-cuts-command",
    severity: "warning",
    doc: "A '#' in the middle of a command that cuts it short: after `&&`, `||` or `|` the shell finds nothing to run and fails with a syntax error, so none of the command runs; before `; /other/command` the commands after it are commented out too.",
  },
  check(ctx, report) {
    for (const info of ctx.jobs) {
      if (!runsAtAll(info)) continue;
      const { text, shell } = shellPart(info);
      if (shell.comment === undefined || shell.tokens.length === 0) continue;
      const last = shell.tokens[shell.tokens.length - 1];
      const at = info.commandStart + shell.comment;
      const range = ctx.lineRange(info.job, at, info.commandStart + text.trimEnd().length);
      if (last?.kind === "op" && dangling.has(last.text)) {
        report(
          range,
          `The shell reads from '#' to the end of the line as a comment, so the command ends in '${last.text}' with nothing after it: a syntax error, and none of this job runs. Put the comment on its own line and finish or drop the '${last.text}'.`,
          [moveCommentFix(ctx, info, at, info.commandStart + last.start)],
        );
        continue;
      }
      const hidden = /(;|&&|\|\|)[ \t]*(\/[^\s;&|]+)/.exec(text.slice(shell.comment));
      if (hidden)
        report(
          range,
          `Everything from '#' to the end of the line is a comment for the shell, including '${hidden[2]}' after the '${hidden[1]}': it never runs. Put the disabled part on its own comment line.`,
          [moveCommentFix(ctx, info, at, at)],
        );
    }
  },
};
