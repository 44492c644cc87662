/**
 * The exposure score in the editor: a code lens on [Service], a hover on it
 * naming what weighs most, and refactorings that add one hardening setting
 * each with its effect on the score. The lens runs a client command that
 * opens the full table (protocol.ts).
 */
import type { CodeLens, LanguageContext, Refactoring } from "../../../core/language.js";
import { containsPosition, type Position, type Range, rangesOverlap } from "../../../core/text.js";
import { showSecurityTableCommand } from "../../../protocol.js";
import type { Section, UnitFile } from "../parser.js";
import { documentSecurity } from "./for-document.js";
import { addToServiceEdit, formatGain, hardeningOptions } from "./hardening.js";
import { formatExposure, formatTable, orderedResults } from "./report.js";

function serviceHeader(unit: UnitFile): Section | undefined {
  return unit.sections.find((s) => s.name === "Service");
}

export function securityLenses(unit: UnitFile, ctx: LanguageContext): CodeLens[] {
  const scored = documentSecurity(unit, ctx);
  const header = serviceHeader(unit);
  if (!scored || !header) return [];
  const { outcome } = scored;
  if (outcome.kind !== "score") return [{ range: header.headerRange, title: `no exposure score: ${outcome.reason}` }];
  const open = outcome.score.results.filter((r) => r.badness).length;
  return [
    {
      range: header.headerRange,
      title: `exposure ${formatExposure(outcome.score.exposureTenths)} ${outcome.score.level} — ${open} checks open`,
      // The server adds the document's URI as the argument.
      command: { id: showSecurityTableCommand, arguments: [] },
    },
  ];
}

export function securityHover(unit: UnitFile, position: Position, ctx: LanguageContext): string | undefined {
  const header = serviceHeader(unit);
  if (!header || !containsPosition(header.headerRange, position)) return undefined;
  const scored = documentSecurity(unit, ctx);
  if (!scored) return undefined;
  const { outcome } = scored;
  if (outcome.kind !== "score") return `**Exposure:** none, ${outcome.reason}`;
  const { score } = outcome;
  const top = orderedResults(score)
    .filter((r) => r.badness)
    .slice(0, 6)
    .map((r) => `- ${r.description} — \`${r.check.name}\` +${formatExposure(r.exposureTenths ?? 0)}`);
  const best = hardeningOptions(scored.input, score)
    .slice(0, 3)
    .map((h) => `\`${h.setting}\` ${formatGain(h.gainTenths)}`);
  return [
    `**Exposure ${formatExposure(score.exposureTenths)} ${score.level}** (0 is fully sandboxed, 10 is unprotected), as \`systemd-analyze security\` scores it.`,
    "",
    "What weighs most:",
    ...top,
    ...(best.length ? ["", `Largest single gains: ${best.join(", ")}.`] : []),
    ...versionNote(ctx),
  ].join("\n");
}

/** systemd 252 to 256 score alike; a target outside that range is told so. */
function versionNote(ctx: LanguageContext): string[] {
  const target = ctx.settings.systemd.version;
  if (target === null || (target >= 252 && target <= 256)) return [];
  return ["", `Scored with the checks of systemd 252 to 256; systemd ${target} (etcetera.systemd.version) may score differently.`];
}

export function securityRefactorings(unit: UnitFile, range: Range, ctx: LanguageContext): Refactoring[] {
  const header = serviceHeader(unit);
  if (!header || !rangesOverlap(header.headerRange, range)) return [];
  const scored = documentSecurity(unit, ctx);
  if (scored?.outcome.kind !== "score") return [];
  return hardeningOptions(scored.input, scored.outcome.score)
    .slice(0, 10)
    .flatMap((h) => {
      const edit = addToServiceEdit(unit, h.setting);
      return edit ? [{ title: `Harden: ${h.setting}: ${formatGain(h.gainTenths)}`, edits: [edit] }] : [];
    });
}

/** The full table for the command the lens runs. */
export function securityReportText(unit: UnitFile, ctx: LanguageContext): string {
  const scored = documentSecurity(unit, ctx);
  if (!scored) return `${ctx.path}: only services have an exposure score\n`;
  return formatTable(scored.outcome);
}
