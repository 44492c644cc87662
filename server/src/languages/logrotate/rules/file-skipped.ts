import { inSnippetDir } from "../effective.js";
import { logrotateFileSkipReasons } from "../file-checks.js";
import type { LogrotateRule } from "../rule.js";

export const fileSkipped: LogrotateRule = {
  meta: {
    id: "logrotate/file-skipped",
    severity: "error",
    doc: "A logrotate config on this machine (/etc/logrotate.conf, /etc/logrotate.d/*) that logrotate ignores as a whole: not owned by root, or, in logrotate.d, writable by its group or others (a deploy with umask 002, a chown to the app's user). None of its logs rotate; logrotate says so only in its own output.",
  },
  check(ctx, report) {
    // Only the live files get facts (core/file-facts.ts wantsFileFacts): a checkout's owner says nothing about the host.
    if (!ctx.fileFacts) return;
    const reasons = logrotateFileSkipReasons(ctx.fileFacts, inSnippetDir(ctx.path));
    if (reasons.length === 0) return;
    // The first line logrotate would have read: a global directive or the first block's paths.
    const candidates = [ctx.file.blocks[0]?.patterns[0]?.range, ctx.file.directives[0]?.range].filter((r) => r !== undefined);
    const first = candidates.sort((a, b) => a.start.line - b.start.line)[0];
    report(
      first ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      `logrotate ignores this whole file, so none of its logs rotate: ${reasons.map((r) => r.message).join("; ")}. It prints 'Ignoring ... because ${reasons[0]?.logrotateSays}'.`,
    );
  },
};
