import type { Fix } from "../../../core/diagnostic.js";
import { defaultPath, envValue, runsAtAll, shellPart } from "../command.js";
import type { CronCheckContext, CronRule, JobInfo } from "../rule.js";
import { sbinPath } from "../sbin.js";
import { commandWords } from "../shell.js";

/** The PATH= line the fix adds: Debian's /etc/crontab value. */
export const fullPath = "/usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:/usr/bin";

/** Where a PATH= line goes: above the first job or environment line (after the file's opening comments). */
export function addPathFix(ctx: CronCheckContext): Fix {
  const first = ctx.file.lines.find((l) => l.kind !== "comment");
  const line = first?.line ?? 0;
  return {
    title: `Add PATH=${fullPath} at the top`,
    edits: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `PATH=${fullPath}\n` }],
  };
}

function covers(path: string, dir: string): boolean {
  return path.split(":").some((d) => d.replace(/\/+$/, "") === dir);
}

export const commandNotOnPath: CronRule = {
  meta: {
    id: "cron/command-not-on-path",
    severity: "warning",
    doc: "A command Debian installs only in /usr/sbin or /sbin (`service`, `logrotate`, `sendmail`), called by its bare name in a crontab without a PATH= line that includes it: cron's PATH is /usr/bin:/bin, so the shell reports 'not found' every run.",
  },
  check(ctx, report) {
    for (const info of ctx.jobs) {
      if (!runsAtAll(info)) continue;
      const path = envValue(info, "PATH") ?? defaultPath;
      const { text, shell } = shellPart(info);
      for (const word of commandWords(shell)) {
        const full = sbinPath(word.text);
        if (!full) continue;
        // The command sets PATH itself (PATH=... cmd, export PATH=...) or reads a login profile first.
        if (/(^|[\s;&|(])(export\s+)?PATH=|profile\b|\b(ba)?sh\s+-l/.test(text.slice(0, word.start))) continue;
        const dir = full.slice(0, full.lastIndexOf("/"));
        if (covers(path, dir) || covers(path, dir === "/sbin" ? "/usr/sbin" : "/sbin")) continue;
        report(
          rangeOf(ctx, info, word.start, word.end),
          `cron looks commands up in PATH=${path}${envValue(info, "PATH") === undefined ? " (its default)" : ""}, and Debian installs '${word.text}' as ${full}: the shell reports '${word.text}: not found'. Write the full path or add a PATH= line.`,
          [
            { title: `Write ${full}`, preferred: true, edits: [{ range: rangeOf(ctx, info, word.start, word.end), newText: full }] },
            addPathFix(ctx),
          ],
        );
      }
    }
  },
};

function rangeOf(ctx: CronCheckContext, info: JobInfo, start: number, end: number) {
  return ctx.lineRange(info.job, info.commandStart + start, info.commandStart + end);
}
