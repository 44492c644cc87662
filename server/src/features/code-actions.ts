import type { Diagnostic, Fix } from "../core/diagnostic.js";
import { type Range, rangesOverlap } from "../core/text.js";

/** The fixes of the diagnostics that touch a range, each with the diagnostic it resolves. */
export function fixesInRange(diagnostics: Diagnostic[], range: Range): { fix: Fix; diagnostic: Diagnostic }[] {
  const out: { fix: Fix; diagnostic: Diagnostic }[] = [];
  for (const d of diagnostics) {
    if (!d.fixes || !rangesOverlap(d.range, range)) continue;
    for (const fix of d.fixes) out.push({ fix, diagnostic: d });
  }
  return out;
}
