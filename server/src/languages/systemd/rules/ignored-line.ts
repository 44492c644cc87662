import type { UnitRule } from "../rule.js";

const ignored = new Set(["assignment-outside-section", "missing-equals", "missing-key"]);

/** Lines systemd skips with a warning: no '=', no key, or no section. */
export const ignoredLine: UnitRule = {
  meta: {
    id: "systemd/ignored-line",
    severity: "warning",
    doc: "A line systemd skips: it has no '=', no key, or stands before any section header.",
  },
  check(ctx, report) {
    for (const p of ctx.unit.problems) if (ignored.has(p.kind)) report(p.range, p.message);
  },
};
