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
  for (const rule of rules) {
    const setting = lctx.settings.rules[rule.meta.id];
    if (setting === "off" || (setting === undefined && rule.meta.enabledByDefault === false)) continue;
    const severity = setting ?? rule.meta.severity;
    try {
      rule.check(ctx, (range, message, fixes) =>
        out.push({ rule: rule.meta.id, severity, message, range, ...(fixes?.length ? { fixes } : {}) }),
      );
    } catch (error) {
      lctx.log?.(`rule ${rule.meta.id} failed on ${lctx.path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
  out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return applySuppressions(out, comments);
}
