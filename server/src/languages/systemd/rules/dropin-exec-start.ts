import type { UnitRule } from "../rule.js";

/** The classic drop-in mistake: a new ExecStart= added to, instead of replacing, the unit's own. */
export const dropinExecStart: UnitRule = {
  meta: {
    id: "systemd/dropin-exec-start-not-reset",
    severity: "warning",
    doc: "A drop-in that sets ExecStart= without first clearing it with an empty ExecStart=; for most services systemd then refuses the unit.",
  },
  check(ctx, report) {
    if (!ctx.info.isDropIn || ctx.type !== "service") return;
    // With the unit file at hand, systemd/unit-refused checks the merged unit precisely instead.
    if (ctx.info.unitName && ctx.workspace.unitText?.(ctx.info.unitName) !== undefined) return;
    for (const section of ctx.unit.sections) {
      if (section.name !== "Service") continue;
      if (section.entries.some((e) => e.key === "Type" && e.value === "oneshot")) return;
      let cleared = false;
      for (const e of section.entries) {
        if (e.key !== "ExecStart") continue;
        if (e.value === "") cleared = true;
        else if (!cleared) {
          report(
            e.keyRange,
            "In a drop-in, ExecStart= adds a second command unless an empty 'ExecStart=' line clears the unit's own first; systemd refuses a service with two (unless Type=oneshot).",
            [
              {
                title: "Clear the original ExecStart= first",
                preferred: true,
                edits: [
                  {
                    range: { start: { line: e.range.start.line, character: 0 }, end: { line: e.range.start.line, character: 0 } },
                    newText: "ExecStart=\n",
                  },
                ],
              },
            ],
          );
          return;
        }
      }
    }
  },
};
