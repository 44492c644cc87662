import type { CronRule } from "../rule.js";

export const envQuotesKept: CronRule = {
  meta: {
    id: "cron/env-quotes-kept",
    severity: "warning",
    doc: 'Quotes inside an environment value that does not start with one (`PATH=/usr/bin:"/opt/my tools"`): cron strips quotes only around the whole value, so these stay in the value as characters.',
  },
  check(ctx, report) {
    for (const env of ctx.envs) {
      if (env.quoted || !/"[^"]*"|'[^']*'/.test(env.value) || /[ \t]#/.test(env.value)) continue;
      report(
        env.valueToken.range,
        `cron strips quotes only when they enclose the whole value: ${env.key} is set to '${env.value}' with the quote characters in it. Quote the whole value or drop the quotes.`,
        [
          {
            title: "Quote the whole value",
            preferred: true,
            edits: [{ range: env.valueToken.range, newText: `"${env.value.replace(/["']/g, "")}"` }],
          },
        ],
      );
    }
  },
};
