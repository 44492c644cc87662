import type { CronRule } from "../rule.js";

/**
 * Words that start commands and are not user names anyone has. Left out on purpose: names Debian or common images
 * do give to users (backup, sync, mail, news, proxy, list, git, node, mysql, postgres, daemon).
 */
const commandWords = new Set([
  "[",
  "[[",
  "cd",
  "if",
  "for",
  "while",
  "exec",
  "echo",
  "sh",
  "bash",
  "run-parts",
  "env",
  "nice",
  "ionice",
  "flock",
  "sleep",
  "true",
  "false",
  "command",
  "python",
  "python2",
  "python3",
  "perl",
  "php",
  "ruby",
  "source",
  "wget",
  "curl",
  "rsync",
  "rm",
  "cp",
  "mv",
  "tar",
  "find",
  "docker",
  "timeout",
  "cat",
  "date",
  "touch",
  "mkdir",
  "chmod",
  "chown",
  "sudo",
  "systemctl",
  "service",
  "kill",
  "pkill",
  "killall",
  "xargs",
  "printf",
  "ssh",
  "scp",
  "mysqldump",
  "pg_dump",
  "certbot",
  "npm",
  "npx",
  "java",
  "nohup",
]);

/** Whether the word in the user position of a system crontab is evidently the start of a command. */
export function userLooksLikeCommand(word: string): boolean {
  return !/^[A-Za-z0-9_][A-Za-z0-9_.-]*\$?$/.test(word) || commandWords.has(word);
}

export const missingUser: CronRule = {
  meta: {
    id: "cron/missing-user",
    severity: "error",
    doc: "A line in /etc/crontab or /etc/cron.d without the user field: cron takes the first word of the command as the user and rejects the line.",
  },
  check(ctx, report) {
    if (!ctx.system) return;
    for (const info of ctx.jobs) {
      const user = info.user;
      if (!user || info.envLike || (!info.schedule && !info.job.special)) continue;
      // A time-field-like word here is a sixth field, reported by cron/unsupported-syntax.
      if (!userLooksLikeCommand(user.text) || /^[\d*?][\d*,/-]*$/.test(user.text)) continue;
      report(
        user.range,
        `'${user.text}' is where the user name goes in a system crontab: cron looks up a user '${user.text}' and rejects the line. Write the user before the command, e.g. 'root ${user.text}'.`,
        [{ title: "Run the command as root", edits: [{ range: { start: user.range.start, end: user.range.start }, newText: "root " }] }],
      );
    }
  },
};
