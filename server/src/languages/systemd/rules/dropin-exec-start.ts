import type { UnitRule } from "../rule.js";
import { unitTextFrom } from "../unit-set.js";

/**
 * The classic drop-in mistake: a new ExecStart= added to, instead of replacing, the unit's own. Only for a drop-in
 * whose unit file is not at hand (with it, systemd/unit-refused knows for certain): whether systemd refuses the
 * service then depends on that file, which may be Type=oneshot (several ExecStart= allowed) or have no ExecStart=
 * of its own. So the rule says what would happen, names the condition, and keeps to info.
 */
export const dropinExecStart: UnitRule = {
  meta: {
    id: "systemd/dropin-exec-start-not-reset",
    severity: "info",
    doc: "A drop-in that sets ExecStart= without first clearing it with an empty ExecStart=, for a service whose unit file is not in the workspace: unless that unit is Type=oneshot, systemd refuses it with two ExecStart=. (With the unit file at hand, systemd/unit-refused says for certain.)",
  },
  check(ctx, report) {
    if (!ctx.info.isDropIn || ctx.type !== "service") return;
    const loaded = ctx.effective();
    // With the unit file at hand, systemd/unit-refused checks the merged unit precisely instead.
    if (loaded?.fragment) return;
    if (ctx.info.unitName && unitTextFrom(ctx.workspace, ctx.info.unitName, ctx.path) !== undefined) return;
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
        const unit = ctx.info.unitName;
        const condition = unit
          ? `${unit}'s file is not in the workspace: if it has an ExecStart= and is not Type=oneshot, systemd refuses the service (more than one ExecStart=).`
          : "This drop-in applies to every service: systemd refuses each one that has an ExecStart= of its own and is not Type=oneshot.";
        report(
          e.keyRange,
          cleared
            ? "A second ExecStart= after the drop-ins cleared the unit's own: systemd refuses a service with more than one unless it is Type=oneshot, which only the unit file (not in the workspace) could say."
            : `In a drop-in, ExecStart= adds a command to the unit's own unless an empty 'ExecStart=' line clears it first. ${condition}`,
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
