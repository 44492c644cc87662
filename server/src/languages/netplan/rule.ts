import type { Fix, RuleMeta } from "../../core/diagnostic.js";
import type { LanguageContext } from "../../core/language.js";
import type { NetplanVersion } from "../../core/settings.js";
import type { Range } from "../../core/text.js";
import type { NetplanConfig } from "./model.js";
import type { NetplanFile } from "./parser.js";

export interface NetplanCheckContext extends LanguageContext {
  file: NetplanFile;
  /** The target netplan version (setting etcetera.netplan.version). */
  version: NetplanVersion;
  /** The files netplan reads together with this one, merged (built on first use). */
  config(): NetplanConfig;
}

export type Report = (range: Range, message: string, fixes?: Fix[]) => void;

/** One rule per file, each registered in rules/index.ts. */
export interface NetplanRule {
  meta: RuleMeta;
  check(ctx: NetplanCheckContext, report: Report): void;
}
