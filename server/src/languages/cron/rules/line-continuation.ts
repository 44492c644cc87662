import { runsAtAll } from "../command.js";
import type { CronRule } from "../rule.js";

export const lineContinuation: CronRule = {
  meta: {
    id: "cron/line-continuation",
    severity: "warning",
    doc: "A job line ending in '\\': cron has no continuation lines, so the next line is not part of this command (it is read as a job or an environment line of its own, or rejected).",
  },
  check(ctx, report) {
    for (const info of ctx.jobs) {
      if (!runsAtAll(info)) continue;
      const text = info.job.text.replace(/\r$/, "").trimEnd();
      if (!text.endsWith("\\") || text.endsWith("\\\\")) continue;
      report(
        ctx.lineRange(info.job, text.length - 1, text.length),
        "cron reads every line on its own: the '\\' does not join the next line to this command, which ends here. Write the whole command on one line, or put it in a script.",
      );
    }
  },
};
