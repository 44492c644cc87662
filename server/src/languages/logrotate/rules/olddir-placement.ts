import { effective } from "../effective.js";
import type { LogrotateRule } from "../rule.js";

const top = (p: string) => p.split("/").filter(Boolean).slice(0, 2).join("/");

export const olddirPlacement: LogrotateRule = {
  meta: {
    id: "logrotate/olddir-placement",
    severity: "info",
    doc: "`olddir` given as a relative path (logrotate takes it relative to each log's own directory, not to logrotate.conf), or outside the logs' tree without `copy`/`copytruncate`/`renamecopy` (on another filesystem logrotate refuses the block, because it renames).",
  },
  check(ctx, report) {
    for (const b of ctx.file.blocks) {
      const eff = effective(ctx.file, b);
      const olddir = eff.get("olddir");
      const dir = olddir?.value?.text;
      if (!olddir?.value || !dir) continue;
      if (olddir.block !== b && ctx.file.blocks[0] !== b) continue; // a global olddir: reported once, at the first block
      if (!dir.startsWith("/") && !dir.startsWith("~")) {
        report(
          olddir.value.range,
          `'${dir}' is relative: logrotate puts the old logs in '${dir}' under each log's own directory (for ${b.patterns[0]?.text ?? "these logs"}, beside the log). Write an absolute path if you meant one place.`,
        );
        continue;
      }
      const copies = eff.get("copy") ?? eff.get("copytruncate") ?? eff.get("renamecopy");
      const logs = b.patterns.map((p) => p.text).filter((p) => p.startsWith("/"));
      if (copies || logs.length === 0 || logs.some((l) => top(l) === top(dir))) continue;
      report(
        olddir.value.range,
        `'${dir}' is outside ${top(logs[0] as string) ? `/${top(logs[0] as string)}` : "the logs' tree"}: if it is on another filesystem, logrotate cannot rename logs into it and skips the block ("are on different devices"). Add \`copy\` or \`renamecopy\`, or keep olddir on the same filesystem.`,
      );
    }
  },
};
