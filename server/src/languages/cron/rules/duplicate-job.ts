import { runsAtAll } from "../command.js";
import type { CronRule, JobInfo } from "../rule.js";

/** The environment cron hands the job: the last value of each name set above it. */
function environment(info: JobInfo): string {
  const values = new Map<string, string>();
  for (const e of info.env) values.set(e.key, e.value);
  return JSON.stringify([...values].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** What makes two lines the same job: schedule as written, user, command and environment. */
function jobKey(info: JobInfo): string {
  const schedule = info.job.special?.text ?? info.job.fields.map((f) => f.text).join(" ");
  return JSON.stringify([schedule, info.user?.text ?? "", info.command.trim(), environment(info)]);
}

export const duplicateJob: CronRule = {
  meta: {
    id: "cron/duplicate-job",
    severity: "warning",
    doc: "The same job twice in one crontab (same schedule, user, command and environment), usually from pasting it again: cron starts both copies at the same moment, so the command runs twice in parallel (two backups writing one file, two mails). Remove one line.",
  },
  check(ctx, report) {
    const seen = new Map<string, JobInfo>();
    for (const info of ctx.jobs) {
      if (!runsAtAll(info)) continue;
      const key = jobKey(info);
      const first = seen.get(key);
      if (!first) {
        seen.set(key, info);
        continue;
      }
      report(
        info.job.range,
        `This job is the same as line ${first.job.line + 1} (schedule, command and environment): cron starts both at the same moment, so the command runs twice in parallel. Remove one of them.`,
        [
          {
            title: "Remove this line",
            preferred: true,
            edits: [
              { range: { start: { line: info.job.line, character: 0 }, end: { line: info.job.line + 1, character: 0 } }, newText: "" },
            ],
          },
        ],
      );
    }
  },
};
