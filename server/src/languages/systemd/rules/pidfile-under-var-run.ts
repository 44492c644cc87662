import type { UnitRule } from "../rule.js";
import { lastEntry } from "../unit-query.js";

export const pidfileUnderVarRun: UnitRule = {
  meta: {
    id: "systemd/pidfile-under-var-run",
    severity: "info",
    doc: "PIDFile= under /var/run: systemd rewrites it to /run (a symlink to it) and logs a notice each time it loads the unit.",
  },
  check(ctx, report) {
    const entry = lastEntry(ctx.unit, "Service", "PIDFile");
    if (!entry?.value.startsWith("/var/run/")) return;
    const fixed = entry.value.replace(/^\/var\/run\//, "/run/");
    report(
      entry.valueRange,
      `/var/run is a legacy symlink to /run: systemd uses ${fixed} instead and logs a notice asking to update the unit each time it loads it.`,
      [{ title: `Change to ${fixed}`, preferred: true, edits: [{ range: entry.valueRange, newText: fixed }] }],
    );
  },
};
