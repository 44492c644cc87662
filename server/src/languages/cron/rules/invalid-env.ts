import type { CronRule } from "../rule.js";

export const invalidEnv: CronRule = {
  meta: {
    id: "cron/invalid-env",
    severity: "error",
    doc: "A line meant as NAME=value that cron does not read as one (an empty unquoted value, text after a closing quote, a blank inside the name): cron takes it for a job and rejects it.",
  },
  check(ctx, report) {
    for (const info of ctx.jobs) {
      if (!info.envLike) continue;
      const text = info.job.text.trim();
      const eq = text.indexOf("=");
      const value = text.slice(eq + 1).trim();
      const name = text.slice(0, eq).trim();
      const why =
        value === ""
          ? `an empty value must be quoted: write ${name}=""`
          : /^["']/.test(value)
            ? "a quoted value must be the whole value: nothing may follow the closing quote, and the quote must be closed"
            : /\s/.test(name)
              ? "the name may not contain blanks"
              : "cron's environment syntax is NAME=value";
      report(
        info.job.range,
        `cron does not read this as an environment setting (${why}); it takes it for a job and rejects it.`,
        value === ""
          ? [{ title: `Write ${name}=""`, preferred: true, edits: [{ range: info.job.range, newText: `${name}=""` }] }]
          : undefined,
      );
    }
  },
};
