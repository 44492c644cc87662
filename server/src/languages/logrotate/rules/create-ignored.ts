import { scopes } from "../effective.js";
import type { LogrotateRule } from "../rule.js";

export const createIgnored: LogrotateRule = {
  meta: {
    id: "logrotate/create-ignored",
    severity: "warning",
    doc: "`create` written next to `copytruncate` or `copy`: the log is copied, never recreated, so the mode and owner of `create` are never applied.",
  },
  check(ctx, report) {
    for (const s of scopes(ctx.file)) {
      const create = s.own.filter((d) => d.name.text === "create").pop();
      if (!create || s.eff.get("create") !== create) continue;
      const copier = s.eff.get("copytruncate") ?? s.eff.get("copy");
      if (!copier) continue;
      report(
        create.range,
        `'create' has no effect with '${copier.name.text}' (line ${copier.line + 1}): the log file is ${copier.name.text === "copy" ? "copied and left in place" : "copied and truncated in place"}, never created anew, so its mode and owner stay as they are. Remove one of them.`,
      );
    }
  },
};
