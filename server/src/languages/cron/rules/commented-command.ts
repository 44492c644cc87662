import type { CronRule } from "../rule.js";

export const commentedCommand: CronRule = {
  meta: {
    id: "cron/commented-command",
    severity: "warning",
    doc: "A '#' where the command starts (`0 2 * * * # /opt/backup.sh`): cron does not treat it as a comment, it runs the schedule and hands the shell a comment, so the job silently does nothing. Comment out the whole line instead.",
  },
  check(ctx, report) {
    for (const info of ctx.jobs) {
      if (info.envLike || (!info.schedule && !info.job.special)) continue;
      const lead = info.command.length - info.command.trimStart().length;
      if (info.command[lead] !== "#") continue;
      const at = info.commandStart + lead;
      const lineStart = info.job.text.length - info.job.text.trimStart().length;
      report(
        ctx.lineRange(info.job, at, info.job.text.trimEnd().length),
        `cron reads this line as a job and runs '${info.command.trim()}' on schedule: the shell sees only a comment, so nothing happens. A comment must start the line.`,
        [
          {
            title: "Comment out the whole line",
            preferred: true,
            edits: [{ range: ctx.lineRange(info.job, lineStart, lineStart), newText: "# " }],
          },
        ],
      );
    }
  },
};
