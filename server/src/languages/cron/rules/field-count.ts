import type { CronRule } from "../rule.js";
import { userLooksLikeCommand } from "./missing-user.js";

const names = ["minute", "hour", "day-of-month", "month", "day-of-week"];

export const fieldCount: CronRule = {
  meta: {
    id: "cron/field-count",
    severity: "error",
    doc: "A job line with fewer than five time fields, or with no command after them: cron rejects the line (or, in a user crontab, runs nothing).",
  },
  check(ctx, report) {
    for (const info of ctx.jobs) {
      const { job } = info;
      if (info.envLike) continue;
      if (!job.special && job.fields.length < 5) {
        const n = job.fields.length;
        report(
          job.range,
          `Only ${n} of the 5 time fields (minute hour day-of-month month day-of-week); the ${names[n]} field is missing${ctx.system ? ", and then the user and the command" : ", and then the command"}. cron rejects the line.`,
        );
        continue;
      }
      if (ctx.system && job.words.length === 0) {
        report(
          job.range,
          "No user and no command after the schedule: cron rejects the line. A system crontab line is: schedule, user, command.",
        );
        continue;
      }
      if (info.command.trim() === "" && (!ctx.system || (info.user && !userLooksLikeCommand(info.user.text)))) {
        report(
          job.range,
          ctx.system
            ? `No command after the user '${info.user?.text}': cron rejects the line.`
            : "No command after the schedule: the job runs nothing.",
        );
      }
    }
  },
};
