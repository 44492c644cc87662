import { cronFileSkipReasons } from "../file-checks.js";
import type { CronRule } from "../rule.js";

export const fileSkipped: CronRule = {
  meta: {
    id: "cron/file-skipped",
    severity: "error",
    doc: "A system crontab on this machine (/etc/crontab, /etc/cron.d/*) that cron skips as a whole because of its owner or mode: group- or other-writable, not owned by root, a symlink not owned by root or pointing nowhere, or more than one hard link. None of its jobs run; cron says so only in its log.",
  },
  check(ctx, report) {
    // Only the live files get facts (core/file-facts.ts wantsFileFacts): a checkout's owner says nothing about the host.
    if (!ctx.fileFacts || !ctx.system) return;
    const reasons = cronFileSkipReasons(ctx.fileFacts);
    if (reasons.length === 0) return;
    const first = ctx.file.lines.find((l) => l.kind !== "comment");
    const range =
      first && (first.kind === "job" || first.kind === "env")
        ? first.range
        : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    report(
      range,
      `cron skips this whole file, so none of its jobs run: ${reasons.map((r) => r.message).join("; ")}. Its log says '${reasons[0]?.cronSays}'.`,
    );
  },
};
