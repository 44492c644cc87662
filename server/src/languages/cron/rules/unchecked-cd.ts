import { runsAtAll, shellPart } from "../command.js";
import type { CronRule } from "../rule.js";

export const uncheckedCd: CronRule = {
  meta: {
    id: "cron/unchecked-cd",
    severity: "info",
    doc: "`cd dir; command`: when the cd fails (a typo, an unmounted disk), the command still runs, in the user's home directory. `cd dir && command` runs it only in dir.",
  },
  check(ctx, report) {
    for (const info of ctx.jobs) {
      if (!runsAtAll(info)) continue;
      const { shell } = shellPart(info);
      const t = shell.tokens;
      for (let i = 0; i + 2 < t.length; i++) {
        const cd = t[i];
        if (cd?.kind !== "word" || cd.text !== "cd" || (i > 0 && !["&&", ";", "(", "||"].includes(t[i - 1]?.text ?? ""))) continue;
        let j = i + 1;
        while (t[j]?.kind === "word") j++;
        const sep = t[j];
        if (sep?.kind !== "op" || sep.text !== ";" || t[j + 1] === undefined) continue;
        const range = ctx.lineRange(info.job, info.commandStart + sep.start, info.commandStart + sep.end);
        report(
          range,
          "If the cd fails, the shell runs the rest anyway, in the home directory. Write '&&' to run it only after a successful cd.",
          [{ title: "Write '&&'", preferred: true, edits: [{ range, newText: " &&" }] }],
        );
      }
    }
  },
};
