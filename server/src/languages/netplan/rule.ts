import type { Fix, RuleMeta } from "../../core/diagnostic.js";
import type { LanguageContext } from "../../core/language.js";
import type { Range } from "../../core/text.js";
import type { NetplanFile } from "./parser.js";

export interface NetplanCheckContext extends LanguageContext {
  file: NetplanFile;
}

export type Report = (range: Range, message: string, fixes?: Fix[]) => void;

/** One rule per file, each registered in rules/index.ts. */
export interface NetplanRule {
  meta: RuleMeta;
  check(ctx: NetplanCheckContext, report: Report): void;
}
