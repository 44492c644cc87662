import { parseUnitFile } from "../parser.js";
import type { UnitCheckContext, UnitRule } from "../rule.js";
import { timerTriggers } from "../timer-triggers.js";
import { addLineAfter, listWords } from "../unit-query.js";
import { unitTextFrom } from "../unit-set.js";
import { activatedUnit } from "./trigger-requires-own-unit.js";

const relativeToUnit = new Set(["OnUnitActiveSec", "OnUnitInactiveSec"]);

/** Whether the activated unit, as the workspace has it, pulls this timer in itself: then it has run once by the time the timer starts (Debian's psd-resync.service wants psd-resync.timer). */
function startedByItsUnit(ctx: UnitCheckContext): boolean {
  const target = activatedUnit(ctx);
  const text = target ? unitTextFrom(ctx.workspace, target, ctx.path) : undefined;
  if (!text || !ctx.info.unitName) return false;
  const other = parseUnitFile(text);
  return ["Wants", "Requires", "BindsTo", "Upholds"].some((k) => listWords(other, "Unit", k).some((w) => w.word === ctx.info.unitName));
}

export const unitActiveSecAlone: UnitRule = {
  meta: {
    id: "systemd/unit-active-sec-alone",
    severity: "warning",
    doc: "A timer whose only triggers are OnUnitActiveSec=/OnUnitInactiveSec=: they count from the unit's last activation, so the timer never elapses until something else has started the unit once.",
  },
  check(ctx, report) {
    if (ctx.type !== "timer" || ctx.info.isDropIn) return;
    const triggers = timerTriggers(ctx.unit);
    const first = triggers.values[0];
    if (!first || triggers.flags.length > 0 || !triggers.values.every((e) => relativeToUnit.has(e.key))) return;
    if (startedByItsUnit(ctx)) return;
    const event = first.key === "OnUnitActiveSec" ? "was last activated" : "last stopped";
    report(
      first.range,
      `${first.key}= counts from the time the activated unit ${event}; with no other trigger this timer never elapses until something else starts that unit once. Add OnBootSec= (or OnActiveSec=) to start the cycle.`,
      [addLineAfter(ctx.unit, first, `OnBootSec=${first.value}`, `Add OnBootSec=${first.value}`)],
    );
  },
};
