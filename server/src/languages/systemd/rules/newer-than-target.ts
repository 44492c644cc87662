import { newerDirectives, oldestDescribedVersion } from "../data.js";
import { allEntries, type UnitRule } from "../rule.js";

export const newerThanTarget: UnitRule = {
  meta: {
    id: "systemd/newer-than-target",
    severity: "warning",
    doc: "A directive added after the target systemd version (setting etcetera.systemd.version / --systemd-version); older hosts ignore it.",
  },
  check(ctx, report) {
    const target = ctx.configuredVersion;
    if (target === null) return;
    for (const entry of allEntries(ctx.unit)) {
      const d = ctx.directiveOf(entry);
      let added: string | undefined;
      if (d) {
        if (d.versionAdded && d.versionAdded > target) added = `systemd ${d.versionAdded}`;
        else if (!d.inV252 && target <= oldestDescribedVersion) added = `a version after systemd ${oldestDescribedVersion}`;
      } else if (
        newerDirectives.some((n) => n.name === entry.key && n.change === "added" && n.sections.includes(entry.section.name)) &&
        target <= ctx.targetVersion
      ) {
        added = `a version after systemd ${ctx.targetVersion}`;
      }
      if (added)
        report(entry.keyRange, `${entry.key}= was added in ${added}; the target systemd ${target} does not know it and ignores it.`);
    }
  },
};
