import type { UnitRule } from "../rule.js";
import { addLineAfter, lastEntry } from "../unit-query.js";

export const restartSecWithoutRestart: UnitRule = {
  meta: {
    id: "systemd/restart-sec-without-restart",
    severity: "warning",
    doc: "RestartSec= in a service whose Restart= is unset or 'no': systemd never restarts it, so the delay never applies.",
  },
  check(ctx, report) {
    // A drop-in or the unit file may hold the Restart= this file lacks.
    if (ctx.type !== "service" || ctx.info.isDropIn) return;
    const delay = lastEntry(ctx.unit, "Service", "RestartSec");
    if (!delay) return;
    const restart = lastEntry(ctx.unit, "Service", "Restart");
    if (restart && restart.value !== "no") return;
    report(
      delay.range,
      `RestartSec= is the pause before an automatic restart, but ${restart ? "Restart=no" : "Restart= is not set (the default is no)"}: systemd never restarts this service, so RestartSec=${delay.value} has no effect.`,
      restart ? [] : [addLineAfter(ctx.unit, delay, "Restart=on-failure", "Add Restart=on-failure")],
    );
  },
};
