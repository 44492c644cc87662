import type { CronRule } from "../rule.js";

/**
 * Debian's cron reads a command into a buffer of MAX_COMMAND (1000) bytes and rejects the line ("command too long")
 * when the text after the schedule (and the user) fills it: 999 bytes or more, counting trailing blanks and a '\r'.
 * Measured with crontab -n and the daemon of cron 3.0pl1-162; cronie's buffer is far larger.
 */
const maxCommandBytes = 998;

export const commandTooLong: CronRule = {
  meta: {
    id: "cron/command-too-long",
    severity: "error",
    doc: "A command of 999 bytes or more: Debian's cron reads at most 998 and rejects the line ('command too long'). Move the command into a script and call that.",
  },
  check(ctx, report) {
    if (ctx.dialect !== "debian") return;
    for (const info of ctx.jobs) {
      const raw = info.job.text.slice(info.commandStart);
      const bytes = Buffer.byteLength(raw, "utf8");
      if (bytes <= maxCommandBytes) continue;
      report(
        ctx.lineRange(info.job, info.commandStart, info.job.text.length),
        `This command is ${bytes} bytes long: Debian's cron takes at most ${maxCommandBytes} and rejects the line ('command too long'). Put the command in a script and call the script from here.`,
      );
    }
  },
};
