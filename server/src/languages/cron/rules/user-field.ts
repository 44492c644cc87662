import { runsAtAll } from "../command.js";
import type { CronRule } from "../rule.js";

/**
 * Accounts Debian creates (base-passwd) or that common server packages add,
 * minus names that are also commands (`sync`, `man`, `mail`, `lp`, `git`):
 * as the first word of a user crontab's command they can only be a user
 * field copied from /etc/crontab or /etc/cron.d.
 */
const accountNames = new Set([
  "root",
  "daemon",
  "bin",
  "sys",
  "games",
  "news",
  "uucp",
  "proxy",
  "www-data",
  "backup",
  "list",
  "irc",
  "gnats",
  "nobody",
  "_apt",
  "postgres",
  "mysql",
  "redis",
  "nginx",
  "apache",
  "www",
  "nagios",
  "munin",
  "zabbix",
  "bind",
  "postfix",
  "debian-exim",
  "Debian-exim",
  "clamav",
  "amavis",
  "mailman",
  "prometheus",
  "elasticsearch",
  "tomcat",
  "jenkins",
  "odoo",
  "nextcloud",
]);

export const userField: CronRule = {
  meta: {
    id: "cron/user-field",
    severity: "warning",
    doc: "A user name after the schedule in a user crontab (`0 2 * * * root /opt/backup.sh`, copied from /etc/crontab or /etc/cron.d): a user crontab has no user field, so cron runs a command named `root`, which fails every time.",
  },
  check(ctx, report) {
    if (ctx.system) return;
    const flagged = ctx.jobs.filter((info) => {
      if (!runsAtAll(info)) return false;
      const words = info.command.trim().split(/[ \t]+/);
      return words.length > 1 && accountNames.has(words[0] as string);
    });
    const jobCount = ctx.jobs.filter(runsAtAll).length;
    const wholeFile = flagged.length === jobCount && jobCount > 1;
    for (const info of flagged) {
      const user = info.command.trim().split(/[ \t]+/)[0] as string;
      const start = info.commandStart + (info.command.length - info.command.trimStart().length);
      let end = start + user.length;
      while (info.job.text[end] === " " || info.job.text[end] === "\t") end++;
      const where = info.job.special ? `after ${info.job.special.text}` : "after the time fields";
      report(
        ctx.lineRange(info.job, start, start + user.length),
        `A user crontab has no user field: cron runs '${user}' ${where} as the command (and the rest as its arguments), which fails; the job runs as the crontab's owner.${
          wholeFile
            ? " Every job here has a user field: this is a system crontab — put it in /etc/cron.d instead of installing it with crontab."
            : " Remove the user, or move the line to /etc/cron.d."
        }`,
        [
          {
            title: `Remove the user field '${user}'`,
            preferred: true,
            edits: [{ range: ctx.lineRange(info.job, start, end), newText: "" }],
          },
        ],
      );
    }
  },
};
