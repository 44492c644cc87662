import type { LogrotateRule } from "../rule.js";

export const emptyBlock: LogrotateRule = {
  meta: {
    id: "logrotate/empty-block",
    severity: "info",
    doc: "A block with no directives: the logs are rotated with the global defaults alone (Debian's: weekly, 4 copies, no compression, an error when the log is missing).",
  },
  check(ctx, report) {
    for (const b of ctx.file.blocks) {
      if (b.directives.length > 0 || !b.close) continue;
      report(
        b.open.range,
        `This block sets nothing: ${b.patterns[0]?.text ?? "these logs"} are rotated with the global defaults only (Debian: weekly, rotate 4, no compression, an error if the log is missing). Say what you mean, e.g. \`missingok\` and a frequency.`,
      );
    }
  },
};
