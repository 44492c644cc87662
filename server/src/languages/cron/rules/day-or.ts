import type { CronRule } from "../rule.js";

export const dayOr: CronRule = {
  meta: {
    id: "cron/day-or",
    severity: "info",
    doc: "Both day-of-month and day-of-week are restricted: cron runs the job on days that match either one (OR), not both (`0 0 1-7 * mon` is days 1-7 and every Monday).",
  },
  check(ctx, report) {
    for (const info of ctx.jobs) {
      const s = info.schedule;
      if (!s || info.job.special || s.domStar || s.dowStar) continue;
      const dom = info.job.fields[2];
      const dow = info.job.fields[4];
      if (!dom || !dow) continue;
      report(
        { start: dom.range.start, end: dow.range.end },
        `cron runs this job on days that match day-of-month '${dom.text}' OR day-of-week '${dow.text}', not only on days that match both. For 'the first ${dow.text}' test the date in the command, e.g. '[ "$(date +\\%d)" -le 7 ] && ...'.`,
      );
    }
  },
};
