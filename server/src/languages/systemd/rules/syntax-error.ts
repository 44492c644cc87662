import type { UnitRule } from "../rule.js";

const fatal = new Set(["invalid-section-header", "invalid-utf8", "line-too-long"]);

/** Syntax that makes systemd refuse the whole file. */
export const syntaxError: UnitRule = {
  meta: {
    id: "systemd/syntax-error",
    severity: "error",
    doc: "A line systemd cannot parse at all (bad section header, invalid UTF-8): the unit fails to load.",
  },
  check(ctx, report) {
    for (const p of ctx.unit.problems) if (fatal.has(p.kind)) report(p.range, p.message);
  },
};
