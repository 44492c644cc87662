import type { CronRule } from "../rule.js";

export const tzNotForSchedule: CronRule = {
  meta: {
    id: "cron/tz-not-for-schedule",
    severity: "info",
    doc: "A TZ= line in a crontab: cron passes it to the commands' environment only and still reads every schedule in the system's time zone, so `0 9 * * *` after TZ=America/New_York runs at 09:00 of the host's zone. cronie reads CRON_TZ= for the schedules; Debian's cron has one time zone for all crontabs.",
  },
  check(ctx, report) {
    for (const env of ctx.envs) {
      if (env.key !== "TZ" || env.value === "") continue;
      report(
        env.name.range,
        `TZ=${env.value} changes the time zone the commands see, not when they run: cron reads the schedules below in the system's time zone${ctx.dialect === "cronie" ? " (write CRON_TZ= for that)" : " (Debian's cron has one time zone for all crontabs)"}.`,
      );
    }
  },
};
