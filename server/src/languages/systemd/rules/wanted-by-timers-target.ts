import type { UnitRule } from "../rule.js";
import { listWords } from "../unit-query.js";

export const wantedByTimersTarget: UnitRule = {
  meta: {
    id: "systemd/wanted-by-timers-target",
    severity: "warning",
    doc: "A unit other than a timer installed into timers.target: enabling it starts it once early at boot, when timers.target is reached, not on a schedule.",
  },
  check(ctx, report) {
    if (!ctx.type || ctx.type === "timer" || ctx.type === "target") return;
    for (const key of ["WantedBy", "RequiredBy"])
      for (const w of listWords(ctx.unit, "Install", key)) {
        if (w.word !== "timers.target") continue;
        report(
          { start: w.entry.positionAt(w.start), end: w.entry.positionAt(w.end) },
          `${key}=timers.target does not schedule this ${ctx.type}: once enabled, it is started a single time early at boot, when timers.target is reached (before the system is fully up). To run it on a schedule, enable a .timer for it; to start it at boot, use WantedBy=multi-user.target.`,
        );
      }
  },
};
