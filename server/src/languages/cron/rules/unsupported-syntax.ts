import type { CronRule } from "../rule.js";
import { reportFieldProblems } from "./field-problems.js";

const cronParserSpecials = /^@(minutely|secondly|weekdays|weekends|every)$/;
/** A word that reads like a time field (a number, `*`, a range, a list, a step). */
const fieldLike = /^(\*|\?|\d+(-\d+)?)(\/\d+)?(,(\*|\d+(-\d+)?)(\/\d+)?)*$/;

export const unsupportedSyntax: CronRule = {
  meta: {
    id: "cron/unsupported-syntax",
    severity: "error",
    doc: "Syntax that only cron-parser, Quartz or another dialect understands (`L`, `W`, `#`, `?`, a seconds field, `@every`, cronie's `~`): cron rejects or misreads the line.",
  },
  check(ctx, report) {
    reportFieldProblems(ctx, report, "unsupported-syntax");
    for (const info of ctx.jobs) {
      const { job } = info;
      if (job.special && cronParserSpecials.test(job.special.text)) {
        report(
          job.special.range,
          `'${job.special.text}' is cron-parser (or Go cron) syntax; cron rejects the line. cron knows @reboot @yearly @annually @monthly @weekly @daily @midnight @hourly.`,
        );
      }
      if (!info.schedule || job.special) continue;
      const sixth = job.words[0];
      if (!sixth || !fieldLike.test(sixth.text) || (!ctx.system && job.words.length < 2)) continue;
      report(
        sixth.range,
        ctx.system
          ? `'${sixth.text}' reads like a sixth time field (seconds?): cron has five, so it takes '${sixth.text}' as the user name and rejects the line.`
          : `'${sixth.text}' reads like a sixth time field (seconds?): cron has five, so '${sixth.text}' becomes the start of the command.`,
      );
    }
  },
};
