import type { UnitRule } from "../rule.js";

export const repeatedSection: UnitRule = {
  meta: {
    id: "systemd/repeated-section",
    severity: "info",
    doc: "A section header that appears a second time in the same file: systemd reads both parts as one section, so settings are easy to miss or to set twice.",
  },
  check(ctx, report) {
    const first = new Map<string, number>();
    for (const section of ctx.unit.sections) {
      const line = first.get(section.name);
      if (line === undefined) {
        first.set(section.name, section.headerRange.start.line);
        continue;
      }
      report(
        section.headerRange,
        `[${section.name}] already begins on line ${line + 1}; systemd reads both parts as one section, so a setting here may repeat or override one there unnoticed. Keep one [${section.name}].`,
      );
    }
  },
};
