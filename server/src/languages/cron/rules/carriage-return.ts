import type { CronRule } from "../rule.js";

export const carriageReturn: CronRule = {
  meta: {
    id: "cron/carriage-return",
    severity: "warning",
    doc: "Windows line endings (CRLF): cron keeps the carriage return as the last character of every command, which then fails ('command not found', '$'\\r'').",
  },
  check(ctx, report) {
    const jobs = ctx.jobs.filter((j) => j.job.text.endsWith("\r") && j.command.trim() !== "");
    const first = jobs[0];
    if (!first) return;
    report(
      first.job.range,
      `This file has Windows line endings (CRLF): cron keeps the '\\r' at the end of the command of ${jobs.length === 1 ? "this job" : `all ${jobs.length} jobs`}. Save it with LF line endings.`,
    );
  },
};
