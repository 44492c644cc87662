import type { Fix, RuleMeta } from "../../core/diagnostic.js";
import type { Range } from "../../core/text.js";
import type { Entry, UnitFile } from "./parser.js";
import { allEntries, type UnitCheckContext, type UnitRule } from "./rule.js";

/**
 * A rule that looks at one assignment at a time: what it finds in an
 * assignment depends on that assignment alone, on ctx.directiveOf() and on the
 * file's path, unit type and target version — never on another assignment,
 * another file or the workspace.
 *
 * Such findings are kept on the assignment. The incremental re-parse keeps
 * the assignments an edit does not touch as the same objects, so after a
 * one-line edit of a 5,000-line unit one walk over the assignments (shared by
 * all entry rules) finds the one that is new, every entry rule looks at that
 * one, and each rule then reports from the short list of assignments where
 * something was found.
 */
export interface EntryRule {
  meta: RuleMeta;
  /** Whether the rule looks at this file at all, from the file's name or type alone. */
  appliesTo?(ctx: UnitCheckContext): boolean;
  checkEntry(entry: Entry, ctx: UnitCheckContext, report: EntryReport): void;
}

/**
 * Reports a finding of one assignment. Fixes that depend on the rest of the file (a move to another section
 * goes after that section's last line) are given as a function of the file: what is kept with the assignment
 * then depends on the assignment alone, and the fix is made from the file of each check.
 */
export type EntryReport = (range: Range, message: string, fixes?: Fix[] | ((unit: UnitFile) => Fix[])) => void;

export interface EntryFindingsMemo {
  scope: object;
  /** By the rule's slot: what it found, or the error it threw; no element where the rule found nothing. */
  byRule: readonly (readonly EntryFinding[] | { error: unknown } | undefined)[];
  /** Whether any rule found something (or threw) here. */
  any: boolean;
}

export interface EntryFinding {
  range: Range;
  message: string;
  /** A function where the fixes edit elsewhere in the file (moving the line to another section): made at each report. */
  fixes?: Fix[] | ((unit: UnitFile) => Fix[]);
}

const entryRules: EntryRule[] = [];

/** The rule as every unit rule runs; it reports what the shared walk (flaggedEntries) kept in its slot. */
export function entryRule(rule: EntryRule): UnitRule {
  const slot = entryRules.push(rule) - 1;
  return {
    meta: rule.meta,
    check(ctx, report) {
      for (const entry of flaggedEntries(ctx)) {
        const found = (entry.findingsMemo as EntryFindingsMemo).byRule[slot];
        if (found === undefined) continue;
        // Thrown here, the error is logged under this rule's name (runRules), as if the rule had thrown it itself.
        if ("error" in found) throw found.error;
        for (const f of found) report(f.range, f.message, typeof f.fixes === "function" ? f.fixes(ctx.unit) : f.fixes);
      }
    },
  };
}

const walks = new WeakMap<UnitFile, { scope: object; flagged: readonly Entry[] }>();

/**
 * The assignments of the file where some entry rule found something, in file order, once per parse and scope:
 * an assignment not seen in this scope is checked by every entry rule on the way.
 */
function flaggedEntries(ctx: UnitCheckContext): readonly Entry[] {
  const scope = ctx.entryScope;
  const known = walks.get(ctx.unit);
  if (known?.scope === scope) return known.flagged;
  let applies: boolean[] | undefined;
  const flagged: Entry[] = [];
  for (const entry of allEntries(ctx.unit)) {
    let memo = entry.findingsMemo;
    if (memo?.scope !== scope) {
      applies ??= entryRules.map((r) => !r.appliesTo || r.appliesTo(ctx));
      memo = checkAll(entry, ctx, scope, applies);
      entry.findingsMemo = memo;
    }
    if (memo.any) flagged.push(entry);
  }
  walks.set(ctx.unit, { scope, flagged });
  return flagged;
}

/** What the rule being run found so far: one list and one report function for all, copied out only when not empty. */
const found: EntryFinding[] = [];
const collect: EntryReport = (range, message, fixes) => {
  found.push(fixes ? { range, message, fixes } : { range, message });
};

/**
 * The memo of an assignment where no entry rule found anything: one object per scope, shared by all of them
 * (most assignments are clean, and a memo of its own with a slot per rule cost each about 450 bytes).
 */
let clean: EntryFindingsMemo = { scope: {}, byRule: [], any: false };

function checkAll(entry: Entry, ctx: UnitCheckContext, scope: object, applies: readonly boolean[]): EntryFindingsMemo {
  let byRule: (readonly EntryFinding[] | { error: unknown } | undefined)[] | undefined;
  for (let slot = 0; slot < entryRules.length; slot++) {
    if (!applies[slot]) continue;
    found.length = 0;
    try {
      (entryRules[slot] as EntryRule).checkEntry(entry, ctx, collect);
      if (found.length === 0) continue;
      byRule ??= [];
      byRule[slot] = found.slice();
    } catch (error) {
      byRule ??= [];
      byRule[slot] = { error };
    }
  }
  if (byRule) return { scope, byRule, any: true };
  if (clean.scope !== scope) clean = { scope, byRule: [], any: false };
  return clean;
}
