import type { CronRule } from "../rule.js";
import { neverRuns } from "../schedule.js";

export const everyMinute: CronRule = {
  meta: {
    id: "cron/every-minute",
    severity: "info",
    doc: "A '*' in the minute field while a later field is restricted (`* */2 * * *`, `* 3 * * *`): cron runs the job every minute of those hours, 60 times, not once. Write the minute (`0 */2 * * *`) if once was meant.",
  },
  check(ctx, report) {
    for (const info of ctx.jobs) {
      const s = info.schedule;
      const minute = info.job.fields[0];
      const hour = info.job.fields[1];
      if (!s || info.job.special || !minute || !hour || s.minute.size !== 60 || minute.text !== "*") continue;
      if (s.hour.size === 24 || neverRuns(s)) continue;
      report(
        minute.range,
        `cron runs this job every minute of the hours '${hour.text}' (${60 * s.hour.size} times a day), not once an hour. If once was meant, write a minute: '0 ${hour.text} ...'.`,
        [{ title: "Run at minute 0", edits: [{ range: minute.range, newText: "0" }] }],
      );
    }
  },
};
