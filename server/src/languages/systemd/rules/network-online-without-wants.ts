import { allEntries, type UnitRule } from "../rule.js";

export const networkOnlineWithoutWants: UnitRule = {
  meta: {
    id: "systemd/network-online-without-wants",
    severity: "warning",
    doc: "After=network-online.target only orders; without Wants= (or Requires=) network-online.target nothing pulls it in and the unit may start before the network is up.",
  },
  check(ctx, report) {
    if (ctx.info.isDropIn) return;
    const mentions = (key: string) =>
      [...allEntries(ctx.unit)].filter(
        (e) => e.section.name === "Unit" && e.key === key && /(^|\s)network-online\.target(\s|$)/.test(e.value),
      );
    const after = mentions("After")[0];
    if (!after || ["Wants", "Requires", "BindsTo", "Requisite"].some((k) => mentions(k).length > 0)) return;
    const line = after.range.end.line + 1;
    report(
      after.valueRange,
      "After=network-online.target without Wants=network-online.target: nothing starts that target, so this unit may run before the network is up.",
      [
        {
          title: "Add Wants=network-online.target",
          preferred: true,
          edits: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: "Wants=network-online.target\n" }],
        },
      ],
    );
  },
};
