import { defaultExposureThreshold } from "../../../core/settings.js";
import type { UnitRule } from "../rule.js";
import { documentSecurity } from "../security/for-document.js";
import { addToServiceEdit, formatGain, hardeningOptions } from "../security/hardening.js";
import { formatExposure, orderedResults } from "../security/report.js";

/**
 * Opt-in: a service whose exposure score (as `systemd-analyze security`
 * computes it) is above the configured threshold. Reported on [Service], with
 * the largest contributions, and quick fixes that add one hardening setting
 * each, titled with what it takes off the score.
 */
export const exposureAbove: UnitRule = {
  meta: {
    id: "systemd/exposure-above",
    severity: "info",
    enabledByDefault: false,
    doc: "Opt-in: a service whose exposure score (as systemd-analyze security computes it) is above etcetera.systemd.exposureThreshold.",
  },
  check(ctx, report) {
    const scored = documentSecurity(ctx.unit, ctx);
    if (scored?.outcome.kind !== "score") return;
    const { score } = scored.outcome;
    const threshold = Math.round((ctx.settings.systemd.exposureThreshold ?? defaultExposureThreshold) * 10);
    if (score.exposureTenths <= threshold) return;
    const top = orderedResults(score)
      .filter((r) => r.badness)
      .slice(0, 3)
      .map((r) => `${r.check.name} (${formatExposure(r.exposureTenths ?? 0)})`);
    const header = ctx.unit.sections.find((s) => s.name === "Service");
    if (!header) return;
    const fixes = hardeningOptions(scored.input, score)
      .slice(0, 8)
      .flatMap((h) => {
        const edit = addToServiceEdit(ctx.unit, h.setting);
        return edit ? [{ title: `Add ${h.setting}: ${formatGain(h.gainTenths)}`, edits: [edit] }] : [];
      });
    report(
      header.headerRange,
      `Exposure ${formatExposure(score.exposureTenths)} ${score.level} (systemd-analyze security), above the threshold ${formatExposure(threshold)}; most of it from ${top.join(", ")}.`,
      fixes,
    );
  },
};
