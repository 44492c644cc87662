import type { Diagnostic, Fix, RuleMeta } from "./diagnostic.js";
import type { LanguageContext } from "./language.js";
import { applySuppressions, type CommentLine } from "./suppressions.js";
import type { Range } from "./text.js";

/** The shape every language's rules share: metadata and a check that reports through a callback. */
export interface Rule<Ctx> {
  meta: RuleMeta;
  check(ctx: Ctx, report: (range: Range, message: string, fixes?: Fix[]) => void): void;
}

/**
 * Runs a language's rules with the user's severities, keeps going when one
 * throws (logged, never fatal: a broken rule must not take the server down),
 * sorts by position and applies inline suppressions.
 */
export function runRules<Ctx>(rules: readonly Rule<Ctx>[], ctx: Ctx, lctx: LanguageContext, comments: CommentLine[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  // One report function for all rules (checks are synchronous), told which rule is running: a closure per rule
  // and file added up over a lint of thousands of files.
  let id = "";
  let severity: Diagnostic["severity"] = "error";
  const report = (range: Range, message: string, fixes?: Fix[]) => {
    out.push({ rule: id, severity, message, range, ...(fixes?.length ? { fixes } : {}) });
  };
  for (const rule of rules) {
    const setting = lctx.settings.rules[rule.meta.id];
    if (setting === "off" || (setting === undefined && rule.meta.enabledByDefault === false)) continue;
    id = rule.meta.id;
    severity = setting ?? rule.meta.severity;
    try {
      rule.check(ctx, report);
    } catch (error) {
      lctx.log?.(`rule ${rule.meta.id} failed on ${lctx.path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
  out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return applySuppressions(out, comments);
}
