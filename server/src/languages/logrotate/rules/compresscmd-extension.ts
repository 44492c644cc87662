import { knownCompressExt } from "../arguments.js";
import { scopes } from "../effective.js";
import type { LogrotateRule } from "../rule.js";
import { logrotateVersion } from "../version.js";

export const compresscmdExtension: LogrotateRule = {
  meta: {
    id: "logrotate/compresscmd-extension",
    severity: "warning",
    doc: "`compresscmd` naming a program logrotate has no extension for, without `compressext`: the compressed copies keep the `.gz` name. (3.21.0 also gives `zip` the extension `zip` without a dot.)",
  },
  check(ctx, report) {
    const version = logrotateVersion(ctx.settings);
    for (const s of scopes(ctx.file)) {
      const cmd = s.own.filter((d) => d.name.text === "compresscmd").pop();
      if (!cmd?.value || s.eff.get("compresscmd") !== cmd) continue;
      const ext = s.eff.get("compressext");
      if (ext && ext.line > cmd.line) continue;
      const known = knownCompressExt(cmd.value.text, version);
      if (known === undefined && !ext)
        report(
          cmd.value.range,
          `logrotate has no extension for '${cmd.value.text}': the compressed copies are still named '.gz'. Add \`compressext\` with the right one (and \`uncompresscmd\`).`,
        );
      else if (known === "zip")
        report(
          cmd.value.range,
          "logrotate 3.21.0 gives zip the extension 'zip' without a dot ('app.log.1zip'). Add `compressext .zip` after it.",
        );
    }
  },
};
