import type { CronRule } from "../rule.js";
import { neverRuns } from "../schedule.js";

export const neverRunsRule: CronRule = {
  meta: {
    id: "cron/never-runs",
    severity: "warning",
    doc: "A schedule cron accepts but that never comes due (`0 0 30 2 *`, a range that runs backwards).",
  },
  check(ctx, report) {
    for (const info of ctx.jobs) {
      if (!info.schedule || info.job.special) continue;
      const why = neverRuns(info.schedule);
      if (!why) continue;
      const first = info.job.fields[0];
      const last = info.job.fields[4];
      if (!first || !last) continue;
      report({ start: first.range.start, end: last.range.end }, `This job never runs: ${why}.`);
    }
  },
};
