import type { UnitRule } from "../rule.js";
import { timerTriggers } from "../timer-triggers.js";

export const calendarAndMonotonic: UnitRule = {
  meta: {
    id: "systemd/calendar-and-monotonic",
    severity: "info",
    doc: "A timer with both OnCalendar= and a monotonic trigger (OnBootSec=, OnUnitActiveSec=, ...): each elapses on its own, so the unit also runs at the monotonic times, not only on the calendar.",
  },
  check(ctx, report) {
    if (ctx.type !== "timer" || ctx.info.isDropIn) return;
    const values = timerTriggers(ctx.unit).values;
    const calendar = values.find((e) => e.key === "OnCalendar");
    const monotonic = values.find((e) => e.key !== "OnCalendar");
    if (!calendar || !monotonic) return;
    report(
      monotonic.range,
      `This timer has OnCalendar=${calendar.value} and ${monotonic.key}=${monotonic.value}: both trigger, each on its own, so the unit also runs ${monotonic.key === "OnBootSec" || monotonic.key === "OnStartupSec" ? `${monotonic.value} after ${monotonic.key === "OnBootSec" ? "boot" : "the manager started"}` : `${monotonic.value} after the timer or its unit was last active`}, not only at the calendar times.`,
    );
  },
};
