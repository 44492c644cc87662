import type { UnitRule } from "../rule.js";
import { listWords } from "../unit-query.js";

const lateTargets = new Set(["multi-user.target", "graphical.target", "default.target"]);

export const timerWantedByMultiUser: UnitRule = {
  meta: {
    id: "systemd/timer-wanted-by-multi-user",
    severity: "info",
    doc: "A timer installed into multi-user.target (or graphical/default.target) rather than timers.target: it is armed only late in boot, and not in boots that stop earlier.",
  },
  check(ctx, report) {
    if (ctx.type !== "timer" || ctx.info.isDropIn) return;
    for (const w of listWords(ctx.unit, "Install", "WantedBy")) {
      if (!lateTargets.has(w.word)) continue;
      report(
        { start: w.entry.positionAt(w.start), end: w.entry.positionAt(w.end) },
        `WantedBy=${w.word}: the timer is armed only once the boot reaches ${w.word}, and not at all in a boot that stops earlier (rescue.target). Timers are installed into timers.target, which basic.target pulls in early in every boot.`,
        [
          {
            title: "Change to WantedBy=timers.target",
            preferred: true,
            edits: [{ range: { start: w.entry.positionAt(w.start), end: w.entry.positionAt(w.end) }, newText: "timers.target" }],
          },
        ],
      );
    }
  },
};
