import type { CronRule } from "../rule.js";

/** Debian's cron reads a cron.d file only if its name passes run-parts' test: letters, digits, '_' and '-'. */
const debianName = /^[A-Za-z0-9_-]+$/;
/** cronie skips hidden files, editor backups and package-manager leftovers. */
const cronieSkipped = /^\.|~$|^#|\.(rpmsave|rpmorig|rpmnew|dpkg-[a-z]+|swp)$/;

export const ignoredFileName: CronRule = {
  meta: {
    id: "cron/ignored-file-name",
    severity: "warning",
    doc: "A file in cron.d whose name cron skips (Debian: anything but letters, digits, '_' and '-', so any dot): none of its jobs ever run.",
  },
  check(ctx, report) {
    if (!ctx.inCronD || (ctx.jobs.length === 0 && ctx.envs.length === 0)) return;
    const skipped = ctx.dialect === "debian" ? !debianName.test(ctx.fileName) : cronieSkipped.test(ctx.fileName);
    if (!skipped) return;
    const first = ctx.file.lines.find((l) => l.kind !== "comment") ?? ctx.file.lines[0];
    if (!first) return;
    const suggestion = ctx.fileName.replace(/[^A-Za-z0-9_-]/g, "-");
    report(
      first.kind === "job" || first.kind === "env" ? first.range : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      ctx.dialect === "debian"
        ? `cron skips the file '${ctx.fileName}': in cron.d only names of letters, digits, '_' and '-' are read (no dots), so none of these jobs run. Rename it, e.g. '${suggestion}'.`
        : `cronie skips the file '${ctx.fileName}' (hidden, backup or package-manager file), so none of these jobs run.`,
    );
  },
};
