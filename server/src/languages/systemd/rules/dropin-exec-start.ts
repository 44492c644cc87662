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
    const loaded = ctx.effective();
    // With the unit file at hand, systemd/unit-refused checks the merged unit precisely instead.
    if (loaded?.fragment) return;
    if (ctx.info.unitName && ctx.workspace.unitText?.(ctx.info.unitName) !== undefined) return;
    // The drop-ins of the unit that sort before this one count: 10-reset.conf may clear ExecStart= for 20-new.conf.
    const layers = loaded?.dropIns ?? [];
    const self = ctx.selfLayer();
    const selfIndex = self ? layers.indexOf(self) : -1;
    const before = selfIndex > 0 ? layers.slice(0, selfIndex) : [];
    const serviceEntries = (sections: typeof ctx.unit.sections) => sections.filter((s) => s.name === "Service").flatMap((s) => s.entries);
    const everyEntry = [...before.flatMap((l) => serviceEntries(l.file.sections)), ...serviceEntries(ctx.unit.sections)];
    if (everyEntry.some((e) => e.key === "Type" && e.value === "oneshot")) return;
    let cleared = false;
    let count = 0;
    for (const e of before.flatMap((l) => serviceEntries(l.file.sections))) {
      if (e.key !== "ExecStart") continue;
      if (e.value === "") {
        cleared = true;
        count = 0;
      } else count++;
    }
    for (const e of serviceEntries(ctx.unit.sections)) {
      if (e.key !== "ExecStart") continue;
      if (e.value === "") {
        cleared = true;
        count = 0;
        continue;
      }
      count++;
      if (!cleared || count > 1) {
        report(
          e.keyRange,
          cleared
            ? "A second ExecStart= after the drop-ins cleared the unit's own: systemd refuses a service with two (unless Type=oneshot)."
            : "In a drop-in, ExecStart= adds a second command unless an empty 'ExecStart=' line clears the unit's own first; systemd refuses a service with two (unless Type=oneshot).",
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
  },
};
