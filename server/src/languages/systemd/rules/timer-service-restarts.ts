import type { UnitRule } from "../rule.js";
import { lastEntry } from "../unit-query.js";
import { seesUnitNamed } from "../unit-set.js";

/** Restart= values under which systemd restarts a service that exited cleanly. */
const restartsOnSuccess = new Set(["always", "on-success"]);

export const timerServiceRestarts: UnitRule = {
  meta: {
    id: "systemd/timer-service-restarts",
    severity: "warning",
    doc: "Restart=always (or on-success) in a service a timer of the same name starts: each time the job finishes, systemd starts it again, so it runs over and over rather than once per timer elapse. Checked when the workspace holds the timer.",
  },
  check(ctx, report) {
    if (ctx.type !== "service" || ctx.info.isDropIn || !ctx.info.unitName || ctx.info.isTemplate) return;
    const restart = lastEntry(ctx.unit, "Service", "Restart");
    if (!restart || !restartsOnSuccess.has(restart.value)) return;
    // Type=oneshot with these values is refused outright (systemd/unit-refused).
    if (lastEntry(ctx.unit, "Service", "Type")?.value === "oneshot") return;
    const timer = ctx.info.unitName.replace(/\.service$/, ".timer");
    // The timer of this service's own tree: in a fleet repository, another host's timer of that name does not start it.
    if (!seesUnitNamed(ctx.workspace, timer, ctx.path)) return;
    report(
      restart.valueRange,
      `${timer} starts this service on its schedule, but Restart=${restart.value} makes systemd start it again every time it exits, successfully or not: the job runs in a loop (every RestartSec=, 100 ms by default) instead of once per elapse. Use Restart=on-failure, or no.`,
      [{ title: "Change to Restart=on-failure", preferred: true, edits: [{ range: restart.valueRange, newText: "on-failure" }] }],
    );
  },
};
