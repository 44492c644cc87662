import { isUserUnitPath } from "../manager-scope.js";
import type { UnitRule } from "../rule.js";
import { lastEntry } from "../unit-query.js";

export const userInUserUnit: UnitRule = {
  meta: {
    id: "systemd/user-in-user-unit",
    severity: "warning",
    doc: "User= or Group= in a user unit: the per-user manager runs as that user and cannot switch to another, so the service fails to start (unless it names the user itself).",
  },
  check(ctx, report) {
    if (!isUserUnitPath(ctx.path)) return;
    for (const key of ["User", "Group"]) {
      const entry = lastEntry(ctx.unit, "Service", key);
      if (!entry || entry.value === "%u" || entry.value === "%g" || entry.value === "%U" || entry.value === "%G") continue;
      report(
        entry.range,
        `${key}= in a user unit: the user manager runs with that user's rights and cannot change to another ${key === "User" ? "user" : "group"}, so starting the service fails unless ${entry.value} is the user's own. Remove it, or make this a system unit.`,
      );
    }
  },
};
