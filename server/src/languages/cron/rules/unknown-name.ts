import { specials } from "../data.js";
import { suggestName } from "../fields.js";
import type { CronRule } from "../rule.js";
import { reportFieldProblems } from "./field-problems.js";

const cronParserSpecials = /^@(minutely|secondly|weekdays|weekends|every)$/;

export const unknownName: CronRule = {
  meta: {
    id: "cron/unknown-name",
    severity: "error",
    doc: "A month or weekday name cron does not know (`Monday`, `mo`), a name in a numeric field, or an unknown @shorthand: cron rejects the line.",
  },
  check(ctx, report) {
    reportFieldProblems(ctx, report, "unknown-name");
    for (const { job } of ctx.jobs) {
      const special = job.special;
      if (!special) continue;
      const known = specials.filter((s) => s.dialects.includes(ctx.dialect)).map((s) => s.name);
      if (known.includes(special.text) || cronParserSpecials.test(special.text)) continue;
      const guess = suggestName(special.text, known);
      report(
        special.range,
        `Unknown shorthand '${special.text}'${guess ? `; did you mean '${guess}'?` : ""} cron knows ${known.join(" ")} (lower case).`,
        guess ? [{ title: `Write '${guess}'`, edits: [{ range: special.range, newText: guess }], preferred: true }] : undefined,
      );
    }
  },
};
