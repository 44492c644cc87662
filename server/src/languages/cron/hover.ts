import type { Hover, LanguageContext } from "../../core/language.js";
import { escapeMarkdown } from "../../core/markdown.js";
import { containsPosition, type Position } from "../../core/text.js";
import { cronContext } from "./context.js";
import { envInfo, manPage } from "./data.js";
import { explainFields, explainSpecial, explanationMarkdown } from "./explain.js";
import type { CronFile } from "./parser.js";
import { unescapedPercents } from "./rules/unescaped-percent.js";

/** Own-words notes on the variables cron itself reads. */
const envDocs: Record<string, string> = {
  MAILTO: 'Where cron mails the output of the jobs below it; empty (`MAILTO=""`) sends no mail.',
  MAILFROM: "The sender address of cron's mails.",
  SHELL: "The shell cron runs each command with (`$SHELL -c command`); /bin/sh when unset.",
  PATH: "The search path of the jobs below it; Debian's cron starts them with /usr/bin:/bin.",
  HOME: "The jobs' home directory and the directory they start in; from the user's passwd entry when unset.",
  LOGNAME: "Set by cron to the job's user; a value here is overridden.",
  CRON_TZ: "cronie: the time zone the schedules of this crontab are read in.",
  RANDOM_DELAY: "cronie: a random delay of up to this many minutes before each job starts.",
  CONTENT_TYPE: "Debian: the Content-Type header of cron's mails.",
  CONTENT_TRANSFER_ENCODING: "Debian: the Content-Transfer-Encoding header of cron's mails.",
};

export function hoverCron(file: CronFile, position: Position, lctx: LanguageContext, now = new Date()): Hover | undefined {
  const ctx = cronContext(file, lctx);
  for (const env of ctx.envs) {
    if (env.line === position.line && containsPosition(env.name.range, position)) {
      const doc = envDocs[env.key];
      const info = envInfo(env.key);
      const dialects = info && info.dialects.length < 2 ? ` (${info.dialects.join(", ") || "cron-parser"} only)` : "";
      return {
        range: env.name.range,
        contents: doc
          ? `**${escapeMarkdown(env.key)}=**${dialects}\n\n${doc}`
          : `**${escapeMarkdown(env.key)}=** is passed to the environment of the jobs below it.`,
      };
    }
  }
  const info = ctx.jobs.find((j) => j.job.line === position.line);
  if (!info) return undefined;
  const { job } = info;
  const first = job.special ?? job.fields[0];
  const last = job.special ?? job.fields[job.fields.length - 1];
  if (first && last) {
    const range = { start: first.range.start, end: last.range.end };
    if (containsPosition(range, position)) {
      const e = job.special
        ? explainSpecial(job.special.text, ctx.dialect, now)
        : explainFields(
            job.fields.map((f) => f.text),
            ctx.dialect,
            now,
          );
      if (!job.special && job.fields.length < 5)
        return { range, contents: "A job needs five time fields: minute hour day-of-month month day-of-week." };
      return { range, contents: `${explanationMarkdown(e)}\n\n[crontab(5)](${manPage})` };
    }
  }
  if (info.user && containsPosition(info.user.range, position)) {
    return { range: info.user.range, contents: `The command runs as the user **${escapeMarkdown(info.user.text)}**.` };
  }
  for (const p of unescapedPercents(info.command)) {
    const o = info.commandStart + p;
    const range = ctx.lineRange(job, o, o + 1);
    if (containsPosition(range, position))
      return {
        range,
        contents:
          "An unescaped `%` ends the command: cron passes the text after it to the command's standard input, each further `%` as a newline. Write `\\%` for a percent sign.",
      };
  }
  return undefined;
}
