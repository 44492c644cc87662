import { isUserUnitPath, systemOnlyTargets } from "../manager-scope.js";
import type { UnitRule } from "../rule.js";
import { listWords } from "../unit-query.js";

export const systemTargetInUserUnit: UnitRule = {
  meta: {
    id: "systemd/system-target-in-user-unit",
    severity: "warning",
    doc: "A user unit installed into a target only the system manager has (WantedBy=multi-user.target): the user manager never starts that target, so the enabled unit never starts. User units use default.target.",
  },
  check(ctx, report) {
    if (!isUserUnitPath(ctx.path)) return;
    for (const key of ["WantedBy", "RequiredBy"])
      for (const w of listWords(ctx.unit, "Install", key)) {
        if (!systemOnlyTargets.has(w.word)) continue;
        const range = { start: w.entry.positionAt(w.start), end: w.entry.positionAt(w.end) };
        report(
          range,
          `${key}=${w.word} in a user unit: ${w.word} belongs to the system manager, and the user manager (systemctl --user) never starts a target of that name, so once enabled this unit still never starts. User units are installed into default.target.`,
          [{ title: "Change to default.target", preferred: true, edits: [{ range, newText: "default.target" }] }],
        );
      }
  },
};
