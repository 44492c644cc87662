import type { Fix, RuleMeta } from "../../core/diagnostic.js";
import type { LanguageContext } from "../../core/language.js";
import type { Range } from "../../core/text.js";
import type { LogrotateFile } from "./parser.js";

export interface LogrotateCheckContext extends LanguageContext {
  file: LogrotateFile;
}

export type Report = (range: Range, message: string, fixes?: Fix[]) => void;

/** One rule per file, each registered in rules/index.ts. */
export interface LogrotateRule {
  meta: RuleMeta;
  check(ctx: LogrotateCheckContext, report: Report): void;
}
