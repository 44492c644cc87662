import type { LogrotateRule } from "../rule.js";

export const hourlyNeedsHourlyRun: LogrotateRule = {
  meta: {
    id: "logrotate/hourly-needs-hourly-run",
    severity: "warning",
    doc: "`hourly`: Debian runs logrotate once a day (logrotate.timer, or cron.daily), so these logs rotate at most daily unless logrotate is also run every hour.",
  },
  check(ctx, report) {
    for (const d of ctx.file.directives) {
      if (d.name.text !== "hourly") continue;
      report(
        d.name.range,
        "'hourly' only works if logrotate runs every hour: Debian starts it once a day (logrotate.timer), so these logs rotate daily. Add an hourly timer or cron job for logrotate, or use 'daily' or 'maxsize'.",
      );
    }
  },
};
