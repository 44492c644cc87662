import type { UnitRule } from "../rule.js";
import { lastEntry } from "../unit-query.js";

export const userNobody: UnitRule = {
  meta: {
    id: "systemd/user-nobody",
    severity: "warning",
    doc: "User=nobody: systemd warns that this is not safe — nobody owns the files no one else owns (NFS squashing, unmapped IDs), so the service can reach them; use DynamicUser=yes or a user of its own.",
  },
  check(ctx, report) {
    const places: [string, string][] = [
      ["Service", "User"],
      ["Socket", "User"],
      ["Socket", "SocketUser"],
      ["Mount", "User"],
      ["Swap", "User"],
    ];
    for (const [section, key] of places) {
      const user = lastEntry(ctx.unit, section, key);
      if (user?.value !== "nobody") continue;
      report(
        user.valueRange,
        "systemd warns 'Special user nobody configured, this is not safe!': nobody is the owner of every file whose real owner is unknown (NFS root squashing, unmapped user namespaces), so this unit can read and change them. Use DynamicUser=yes or a system user of its own.",
      );
    }
  },
};
