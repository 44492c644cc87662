import type { UnitRule } from "../rule.js";
import { timerBoolean, timerTriggers } from "../timer-triggers.js";

export const persistentWithoutCalendar: UnitRule = {
  meta: {
    id: "systemd/persistent-without-calendar",
    severity: "warning",
    doc: "Persistent=yes only catches up on missed OnCalendar= elapses; in a timer without OnCalendar= it does nothing.",
  },
  check(ctx, report) {
    // A drop-in sees only part of the timer; its OnCalendar= may be in the unit file.
    if (ctx.info.isDropIn || ctx.type !== "timer") return;
    const persistent = timerBoolean(ctx.unit, "Persistent");
    if (!persistent?.value) return;
    const triggers = timerTriggers(ctx.unit);
    if (triggers.values.length === 0 || triggers.values.some((e) => e.key === "OnCalendar")) return;
    report(
      persistent.entry.range,
      "Persistent= has no effect here: it makes up for OnCalendar= elapses missed while the machine was off, and this timer has no OnCalendar=. Monotonic timers (OnBootSec=, OnUnitActiveSec=, ...) are never caught up.",
    );
  },
};
