import { isGlob } from "../config-set.js";
import { effective } from "../effective.js";
import type { LogrotateRule } from "../rule.js";

export const scriptsPerFile: LogrotateRule = {
  meta: {
    id: "logrotate/scripts-per-file",
    severity: "info",
    doc: "A `postrotate`/`prerotate` script in a block of several logs (a glob, or a list) without `sharedscripts`: it runs once per rotated file, so the service is reloaded that many times.",
  },
  check(ctx, report) {
    for (const b of ctx.file.blocks) {
      const many = b.patterns.length > 1 || b.patterns.some((p) => isGlob(p.text));
      if (!many) continue;
      const eff = effective(ctx.file, b);
      if (eff.get("sharedscripts")) continue;
      const script = b.directives.find((d) => (d.name.text === "postrotate" || d.name.text === "prerotate") && d.script?.end);
      if (!script) continue;
      report(
        script.name.range,
        `Without 'sharedscripts' this ${script.name.text} script runs once for every log the block rotates (${b.patterns.map((p) => p.text).join(" ")}): the service is reloaded as many times. Add 'sharedscripts' to run it once.`,
      );
    }
  },
};
