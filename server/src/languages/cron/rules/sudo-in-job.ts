import { runsAtAll, shellPart } from "../command.js";
import type { CronRule } from "../rule.js";
import { commandWords } from "../shell.js";

export const sudoInJob: CronRule = {
  meta: {
    id: "cron/sudo-in-job",
    severity: "info",
    doc: "sudo in a cron job: cron gives it no terminal, so unless sudoers allows the command without a password it fails every run. Run the job as the right user instead (root's crontab, or a user field in /etc/cron.d).",
  },
  check(ctx, report) {
    for (const info of ctx.jobs) {
      if (!runsAtAll(info)) continue;
      const { shell } = shellPart(info);
      for (const w of commandWords(shell)) {
        if (w.text !== "sudo" && w.text !== "/usr/bin/sudo") continue;
        const asRoot = info.user?.text === "root";
        report(
          ctx.lineRange(info.job, info.commandStart + w.start, info.commandStart + w.end),
          asRoot
            ? "This job already runs as root: sudo adds nothing (and fails if sudo is not installed). Drop it, or use the user field for another user."
            : "cron gives sudo no terminal to ask a password on: unless sudoers allows this command with NOPASSWD it fails every run. Put the job in the crontab of the user it should run as (root's, or /etc/cron.d with a user field).",
        );
      }
    }
  },
};
