import type { LanguageModule } from "../../core/language.js";
import { runRules } from "../../core/run-rules.js";
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
  diagnose: (file, lctx) => runRules(cronRules, cronContext(file, lctx), lctx, file.comments),
  complete: completeCron,
  hover: (file, position, ctx) => hoverCron(file, position, ctx),
  symbols: cronSymbols,
  folding: cronFolding,
  refactorings: cronRefactorings,
};
