import type { CronRule } from "../rule.js";

/**
 * cron reads a byte order mark as the first character of the first line (measured with crontab -n and the daemon of
 * cron 3.0pl1-162): before a job, a comment or a blank line it is a stray character in the minute field ("bad
 * minute"); before NAME=value it becomes part of the name, so NAME itself is never set.
 */
export const byteOrderMark: CronRule = {
  meta: {
    id: "cron/byte-order-mark",
    severity: "error",
    doc: "The file starts with an invisible byte order mark (U+FEFF, saved by some Windows editors): cron does not skip it, so it rejects the first line ('bad minute'), or, before NAME=value, sets a variable whose name starts with the mark instead of NAME.",
  },
  check(ctx, report) {
    if (!ctx.file.byteOrderMark) return;
    const range = { start: ctx.file.positionAt(0), end: ctx.file.positionAt(1) };
    const fixes = [{ title: "Remove the byte order mark", preferred: true, edits: [{ range, newText: "" }] }];
    const first = ctx.file.lines[0];
    const firstLine = first && first.line === 0 ? first : undefined;
    const blanksBefore = firstLine && firstLine.kind !== "comment" ? /^[ \t]*/.exec(ctx.file.text.slice(1))?.[0].length : 0;
    if (firstLine?.kind === "env" && blanksBefore === 0)
      report(
        range,
        `The file starts with an invisible byte order mark (U+FEFF): cron makes it part of the name, so it sets a variable '\\uFEFF${firstLine.key}' and ${firstLine.key} itself stays unset. Save the file as UTF-8 without a BOM.`,
        fixes,
      );
    else
      report(
        range,
        "The file starts with an invisible byte order mark (U+FEFF): cron does not skip it, reads it as the start of the minute field and rejects this line ('bad minute'). Save the file as UTF-8 without a BOM.",
        fixes,
      );
  },
};
