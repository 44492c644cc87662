import type { CronRule } from "../rule.js";
import { neverRuns } from "../schedule.js";

const monthDays = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export const shortMonthDay: CronRule = {
  meta: {
    id: "cron/short-month-day",
    severity: "info",
    doc: "A day of month from 29 to 31 as the only days (`0 0 31 * *`): months without that day are skipped, so the job does not run monthly. For the last day of the month, test the date in the command.",
  },
  check(ctx, report) {
    for (const info of ctx.jobs) {
      const s = info.schedule;
      const dom = info.job.fields[2];
      if (!s || info.job.special || !dom || s.domStar || !s.dowStar || neverRuns(s)) continue;
      const days = [...s.dom];
      if (days.length === 0 || days.some((d) => d < 29)) continue;
      const first = Math.min(...days);
      const missed = [...s.month].filter((m) => (monthDays[m - 1] as number) < first || (m === 2 && first === 29));
      if (missed.length === 0) continue;
      const names = missed.map((m) => (m === 2 && first === 29 ? "Feb (except in leap years)" : monthNames[m - 1])).join(", ");
      report(
        dom.range,
        `No month has every day in '${dom.text}': cron skips ${names}. For 'the last day of the month' run on days 28-31 and test in the command, e.g. '[ "$(date -d tomorrow +\\%d)" = 01 ] && ...'.`,
      );
    }
  },
};
