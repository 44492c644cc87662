import { defaultPath, envValue, runsAtAll, shellPart } from "../command.js";
import type { CronRule } from "../rule.js";
import { commandWords } from "../shell.js";

export const relativeCommand: CronRule = {
  meta: {
    id: "cron/relative-command",
    severity: "info",
    doc: "A command given by a relative path (`./backup.sh`, `bin/report`) or a bare script name (`backup.sh`): cron starts jobs in the user's home directory with PATH=/usr/bin:/bin, not where the crontab was written, so the command is only found if it lives there.",
  },
  check(ctx, report) {
    for (const info of ctx.jobs) {
      if (!runsAtAll(info)) continue;
      const { shell } = shellPart(info);
      const cdFirst = commandWords(shell).some((w) => w.text === "cd");
      for (const word of commandWords(shell)) {
        const text = word.text;
        // Absolute, home-relative or expanded paths, and template placeholders (`__BINDIR__/x`, `@bindir@/x`).
        if (/^[/~$"'`]/.test(text) || text === "." || text === ".." || /__[A-Za-z]+__|@[A-Za-z_]+@|[<>{}]/.test(text)) continue;
        const relative = text.includes("/");
        const script = !relative && /\.(sh|py|pl|rb|php)$/.test(text);
        if (!relative && !script) continue;
        if (relative && cdFirst) continue;
        const path = envValue(info, "PATH") ?? defaultPath;
        report(
          ctx.lineRange(info.job, info.commandStart + word.start, info.commandStart + word.end),
          relative
            ? `cron runs jobs in the home directory of the crontab's user: '${text}' is looked up from there. Write the full path (or 'cd' to the right directory first).`
            : `cron looks '${text}' up only in PATH=${path}, not in the current or the crontab's directory. Write the full path if the script lives elsewhere.`,
        );
      }
    }
  },
};
