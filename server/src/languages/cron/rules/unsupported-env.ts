import { envInfo } from "../data.js";
import type { CronRule } from "../rule.js";

const otherDialect = { debian: "cronie", cronie: "Debian's cron" } as const;
const dialectName = { debian: "Debian's cron", cronie: "cronie" } as const;

export const unsupportedEnv: CronRule = {
  meta: {
    id: "cron/unsupported-env",
    severity: "warning",
    doc: "An environment line that means something to another cron but not to this one (CRON_TZ= and RANDOM_DELAY= outside cronie), or one cron overrides (LOGNAME=).",
  },
  check(ctx, report) {
    for (const env of ctx.envs) {
      if (env.key === "LOGNAME") {
        report(env.name.range, "cron sets LOGNAME to the job's user itself; this line has no effect.");
        continue;
      }
      const info = envInfo(env.key);
      if (!info || info.dialects.includes(ctx.dialect)) continue;
      const what =
        env.key === "CRON_TZ"
          ? "the jobs still run in the system's time zone; only the jobs' environment gets CRON_TZ"
          : env.key === "RANDOM_DELAY"
            ? "the jobs start without a random delay"
            : "it is only passed to the jobs' environment";
      report(env.name.range, `${env.key}= is understood by ${otherDialect[ctx.dialect]}, not by ${dialectName[ctx.dialect]}: ${what}.`);
    }
  },
};
