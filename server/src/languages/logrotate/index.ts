import type { LanguageModule } from "../../core/language.js";
import { runRules } from "../../core/run-rules.js";
import { completeLogrotate } from "./completion.js";
import { logrotateContext } from "./context.js";
import { hoverLogrotate } from "./hover.js";
import { logrotateFolding, logrotateSymbols } from "./outline.js";
import { type LogrotateFile, parseLogrotate } from "./parser.js";
import { logrotateRules } from "./rules/index.js";

export const logrotateLanguage: LanguageModule<LogrotateFile> = {
  kind: "logrotate",
  rules: logrotateRules.map((r) => r.meta),
  parse: parseLogrotate,
  diagnose: (file, lctx) => runRules(logrotateRules, logrotateContext(file, lctx), lctx, file.comments),
  complete: completeLogrotate,
  hover: hoverLogrotate,
  symbols: logrotateSymbols,
  folding: logrotateFolding,
};
