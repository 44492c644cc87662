import type { Diagnostic } from "../../core/diagnostic.js";
import type { LanguageModule } from "../../core/language.js";
import { applySuppressions } from "../../core/suppressions.js";
import { completeCron } from "./completion.js";
import { cronContext } from "./context.js";
import { hoverCron } from "./hover.js";
import { cronFolding, cronSymbols } from "./outline.js";
import { type CronFile, parseCrontab } from "./parser.js";
import { cronRefactorings } from "./refactorings.js";
import { cronRules } from "./rules/index.js";

export const cronLanguage: LanguageModule<CronFile> = {
  kind: "cron",
  rules: cronRules.map((r) => r.meta),
  parse: parseCrontab,
  diagnose(file, lctx) {
    const ctx = cronContext(file, lctx);
    const out: Diagnostic[] = [];
    for (const rule of cronRules) {
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
    return applySuppressions(out, file.comments);
  },
  complete: completeCron,
  hover: (file, position, ctx) => hoverCron(file, position, ctx),
  symbols: cronSymbols,
  folding: cronFolding,
  refactorings: cronRefactorings,
};
