import { readOwner } from "../arguments.js";
import type { LogrotateRule } from "../rule.js";
import { logrotateVersion } from "../version.js";

export const createWorldWritable: LogrotateRule = {
  meta: {
    id: "logrotate/create-world-writable",
    severity: "warning",
    doc: "`create` with a mode that lets every user write the new log (0666, 0777): anyone can forge or fill the log.",
  },
  check(ctx, report) {
    for (const d of ctx.file.directives) {
      if ((d.name.text !== "create" && d.name.text !== "createolddir") || !d.value) continue;
      const r = readOwner(d.name.text, d.value, logrotateVersion(ctx.settings));
      if (!r.mode || r.problem || !/^[0-7]+$/.test(r.mode.text)) continue;
      const mode = Number.parseInt(r.mode.text, 8);
      if ((mode & 0o002) === 0 || (d.name.text === "createolddir" && (mode & 0o1000) !== 0)) continue;
      report(
        r.mode.range,
        `Mode ${r.mode.text} lets every user write ${d.name.text === "create" ? "the new log" : "the old-log directory"}: anyone can forge entries or fill the disk. Use 0640 (or 0644).`,
      );
    }
  },
};
