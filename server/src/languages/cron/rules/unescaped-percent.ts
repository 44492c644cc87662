import type { CronRule } from "../rule.js";

/**
 * Where cron's do_command() ends the command: the first '%' not escaped by a
 * backslash. A backslash escapes only a following '%' (`\\%` is a backslash
 * and an unescaped '%').
 */
export function unescapedPercents(command: string): number[] {
  const out: number[] = [];
  let escaped = false;
  for (let i = 0; i < command.length; i++) {
    const ch = command[i];
    if (escaped) escaped = false;
    else if (ch === "\\") escaped = true;
    else if (ch === "%") out.push(i);
  }
  return out;
}

export const unescapedPercent: CronRule = {
  meta: {
    id: "cron/unescaped-percent",
    severity: "warning",
    doc: "An unescaped '%' in a command: cron ends the command there and feeds the rest to its standard input (`date +%Y` breaks silently). Write '\\%'.",
  },
  check(ctx, report) {
    for (const info of ctx.jobs) {
      if (!info.schedule && !info.job.special) continue;
      const percents = unescapedPercents(info.command);
      const first = percents[0];
      if (first === undefined) continue;
      const at = info.commandStart + first;
      const head = info.command.slice(0, first).trimEnd();
      report(
        ctx.lineRange(info.job, at, at + 1),
        `cron turns an unescaped '%' into a newline: the command ends at '${head.length > 40 ? `…${head.slice(-40)}` : head}' and the rest goes to its standard input. Write '\\%' for a literal percent sign.`,
        [
          {
            title: percents.length > 1 ? `Escape the ${percents.length} '%' in this command` : "Escape the '%'",
            preferred: true,
            edits: percents.map((p) => {
              const o = info.commandStart + p;
              return { range: ctx.lineRange(info.job, o, o + 1), newText: "\\%" };
            }),
          },
        ],
      );
    }
  },
};
