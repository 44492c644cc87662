import type { LanguageContext } from "../../core/language.js";
import type { LogrotateFile } from "./parser.js";
import type { LogrotateCheckContext } from "./rule.js";

export function logrotateContext(file: LogrotateFile, lctx: LanguageContext): LogrotateCheckContext {
  return { ...lctx, file };
}
