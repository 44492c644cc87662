import type { UnitRule } from "../rule.js";
import { timerTriggers } from "../timer-triggers.js";
import { validateValue } from "../values/index.js";

const triggerKeys = /^On(ActiveSec|BootSec|StartupSec|UnitActiveSec|UnitInactiveSec|Calendar|ClockChange|TimezoneChange)$/;

/**
 * A timer whose valid triggers all fall away: an empty On…= clears every
 * value before it, OnClockChange=no is no trigger, a time span in
 * OnCalendar= is dropped. systemd then refuses the unit. A timer without
 * any valid trigger written is systemd/unit-refused's.
 */
export const timerWithoutTrigger: UnitRule = {
  meta: {
    id: "systemd/timer-without-trigger",
    severity: "error",
    doc: "The timer's triggers all fall away (cleared by an empty assignment, switched off, or dropped as invalid), so systemd has none left and refuses the unit.",
  },
  check(ctx, report) {
    if (ctx.info.isDropIn || ctx.type !== "timer") return;
    // The files systemd/unit-refused leaves alone: a fatal syntax error is the reason systemd gives instead.
    if (ctx.unit.problems.some((p) => p.kind === "invalid-section-header" || p.kind === "invalid-utf8" || p.kind === "line-too-long"))
      return;
    const timers = ctx.unit.sections.filter((s) => s.name === "Timer");
    const validWritten = timers.some((s) =>
      s.entries.some((e) => {
        const d = triggerKeys.test(e.key) && e.value !== "" ? ctx.directiveOf(e) : undefined;
        return d !== undefined && validateValue(d, e.value, ctx.targetVersion, ctx.type).length === 0;
      }),
    );
    // Without a valid trigger written, systemd/unit-refused reports the refusal.
    if (!validWritten) return;
    const triggers = timerTriggers(ctx.unit);
    if (triggers.values.length > 0 || triggers.flags.length > 0) return;
    const reasons = { invalid: "not a valid value", reset: "cleared by a later empty assignment", off: "switched off" };
    const why = [...new Set(triggers.dropped.map((d) => reasons[d.why]))];
    const section = timers[0];
    if (!section) return;
    report(
      section.nameRange,
      `This timer has no trigger left: every On…= setting is ${why.join(" or ")}. systemd refuses to load it ("Timer unit lacks value setting").`,
    );
  },
};
