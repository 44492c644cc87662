import { editDistance } from "../../../core/edit-distance.js";
import { envInfo } from "../data.js";
import type { CronRule } from "../rule.js";

/** Names people write for MAILTO that cron does not read. */
const mailNames = new Set(["MAIL_TO", "MAILADDR", "MAIL_ADDR", "MAIL_ADDRESS", "MAILTO_ADDR", "MAIL_RECIPIENT", "MAILT0", "MAILSTO"]);

export const mailtoTypo: CronRule = {
  meta: {
    id: "cron/mailto-typo",
    severity: "warning",
    doc: "An environment line that looks meant as MAILTO= but is not (`MAIL_TO=`, `mailto=`, `MAILOT=`): cron reads only MAILTO, spelt exactly, so the jobs' output still goes to the crontab's owner.",
  },
  check(ctx, report) {
    for (const env of ctx.envs) {
      if (env.key === "MAILTO" || envInfo(env.key)) continue;
      const upper = env.key.toUpperCase();
      const like = mailNames.has(upper) || (upper !== env.key && envInfo(upper)) || editDistance(upper, "MAILTO", true) === 1;
      if (!like) continue;
      const meant = envInfo(upper) ? upper : "MAILTO";
      const name = env.name.text.startsWith('"') || env.name.text.startsWith("'") ? env.name.text[0] : "";
      report(
        env.name.range,
        `cron does not know '${env.key}' (names are case-sensitive): it is only passed to the jobs' environment, and ${meant === "MAILTO" ? "mail still goes to the crontab's owner" : `${meant} keeps its default`}. Write ${meant}=.`,
        [{ title: `Write ${meant}`, preferred: true, edits: [{ range: env.name.range, newText: `${name}${meant}${name}` }] }],
      );
    }
  },
};
