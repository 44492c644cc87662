import type { CronRule } from "../rule.js";

export const noFinalNewline: CronRule = {
  meta: {
    id: "cron/no-final-newline",
    severity: "error",
    doc: "The last job or environment line has no newline: Debian's crontab refuses the file and the daemon ignores the whole file.",
  },
  check(ctx, report) {
    const last = ctx.file.lastLineUnterminated;
    if (!last || last.kind === "comment") return;
    const end = ctx.file.positionAt(ctx.file.text.length);
    report(
      { start: last.range.start, end },
      ctx.system
        ? "The file does not end with a newline: cron ignores the whole file ('Missing newline before EOF')."
        : "The file does not end with a newline: crontab refuses to install it ('missing newline before EOF').",
      [{ title: "Add the final newline", preferred: true, edits: [{ range: { start: end, end }, newText: "\n" }] }],
    );
  },
};
