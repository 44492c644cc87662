import type { UnitRule } from "../rule.js";
import { addLineAfter, entriesOf, lastEntry } from "../unit-query.js";
import { parseBoolean } from "../values/scalars.js";

export const execStopRightAfterStart: UnitRule = {
  meta: {
    id: "systemd/exec-stop-right-after-start",
    severity: "warning",
    doc: "ExecStop= in a Type=oneshot service without RemainAfterExit=yes: the service is over as soon as its start commands finish, so systemd runs the stop commands right then, not at shutdown or systemctl stop.",
  },
  check(ctx, report) {
    if (ctx.type !== "service" || ctx.info.isDropIn) return;
    const typeEntry = lastEntry(ctx.unit, "Service", "Type");
    const hasExecStart = entriesOf(ctx.unit, "Service", "ExecStart").some((e) => e.value !== "");
    const type = typeEntry?.value ?? (hasExecStart ? "simple" : "oneshot");
    if (type !== "oneshot") return;
    const remain = lastEntry(ctx.unit, "Service", "RemainAfterExit");
    if (remain && parseBoolean(remain.value) === true) return;
    const stops = entriesOf(ctx.unit, "Service", "ExecStop");
    const stop = stops[stops.length - 1];
    if (!stop || stop.value === "" || !hasExecStart) return;
    const anchor = typeEntry ?? stop;
    report(
      stop.keyRange,
      `This Type=oneshot service is finished as soon as its ExecStart= commands exit, and without RemainAfterExit=yes systemd then stops it at once: ExecStop= runs right after the start, not when the service is stopped at shutdown.`,
      remain
        ? [{ title: "Set RemainAfterExit=yes", edits: [{ range: remain.valueRange, newText: "yes" }] }]
        : [addLineAfter(ctx.unit, anchor, "RemainAfterExit=yes", "Add RemainAfterExit=yes")],
    );
  },
};
