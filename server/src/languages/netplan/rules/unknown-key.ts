import { closest } from "../../systemd/suggest.js";
import { knownKeys } from "../data.js";
import type { NetplanRule } from "../rule.js";

export const unknownKey: NetplanRule = {
  meta: {
    id: "netplan/unknown-key",
    severity: "error",
    doc: "A key netplan does not know at that place (a typo, or a key of another device type): netplan rejects the file.",
  },
  check(ctx, report) {
    for (const e of ctx.file.entries) {
      if (e.schema) continue;
      const where = e.parentKey === "(top level)" ? "at the top level" : `under '${e.parentKey}'`;
      const [suggestion] = closest(e.key, knownKeys(e.parent));
      report(
        e.keyRange,
        `Unknown key '${e.key}' ${where}: netplan rejects the file.${suggestion ? ` Did you mean '${suggestion}'?` : ""}`,
        suggestion ? [{ title: `Change to '${suggestion}'`, edits: [{ range: e.keyRange, newText: suggestion }], preferred: true }] : [],
      );
    }
  },
};
