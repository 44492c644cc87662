import type { Diagnostic } from "../../core/diagnostic.js";
import type { LanguageModule } from "../../core/language.js";
import { applySuppressions } from "../../core/suppressions.js";
import { completeUnit } from "./completion.js";
import { unitContext } from "./context.js";
import { hoverUnit } from "./hover.js";
import { unitFolding, unitSymbols } from "./outline.js";
import { parseUnitFile, type UnitFile } from "./parser.js";
import { systemdRules } from "./rules/index.js";

export const systemdLanguage: LanguageModule<UnitFile> = {
  kind: "systemd",
  rules: systemdRules.map((r) => r.meta),
  parse: parseUnitFile,
  diagnose(unit, lctx) {
    const ctx = unitContext(unit, lctx);
    const out: Diagnostic[] = [];
    for (const rule of systemdRules) {
      const setting = lctx.settings.rules[rule.meta.id];
      if (setting === "off") continue;
      const severity = setting ?? rule.meta.severity;
      try {
        rule.check(ctx, (range, message, fixes) =>
          out.push({ rule: rule.meta.id, severity, message, range, ...(fixes?.length ? { fixes } : {}) }),
        );
      } catch (error) {
        // A broken rule must not take down the others (or the server).
        lctx.log?.(
          `rule ${rule.meta.id} failed on ${lctx.path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
      }
    }
    out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    return applySuppressions(out, unit.comments);
  },
  complete: completeUnit,
  hover: hoverUnit,
  symbols: unitSymbols,
  folding: unitFolding,
};
