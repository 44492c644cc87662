import type { MergedEntry } from "./merge.js";
import type { SourcedEntry } from "./unit-set.js";

/**
 * Sentences about what an assignment does to the merged unit, shared by the
 * effective-unit view (plain text) and hover (Markdown): `code` wraps
 * values and `place` names a file and line in the caller's form.
 */
export interface NoteStyle {
  code(text: string): string;
  place(path: string, line: number): string;
}

export const plainStyle: NoteStyle = {
  code: (text) => text,
  place: (path, line) => `${path}:${line}`,
};

function where(s: SourcedEntry, style: NoteStyle): string {
  return style.place(s.path, s.entry.range.start.line + 1);
}

function assignment(s: SourcedEntry, style: NoteStyle): string {
  return style.code(`${s.entry.key}=${s.entry.value}`);
}

function listOf(entries: SourcedEntry[], style: NoteStyle): string {
  const shown = entries.slice(0, 3).map((e) => `${assignment(e, style)} (${where(e, style)})`);
  const more = entries.length - shown.length;
  return more > 0 ? `${shown.join(", ")} and ${more} more` : shown.join(", ");
}

/** An empty condition (assertion) clears those of every name, not only its own. */
function conditionGroup(key: string): string | undefined {
  if (key.startsWith("Condition")) return "every condition";
  if (key.startsWith("Assert")) return "every assertion";
  return undefined;
}

/** What the assignment does to what came before it; undefined when it simply sets a value nothing else set. */
export function effectNote(m: MergedEntry, style: NoteStyle): string | undefined {
  const key = style.code(`${m.entry.key}=`);
  const e = m.effect;
  switch (e.kind) {
    case "sets":
      return undefined;
    case "overrides":
      return e.same
        ? `Sets the value ${assignment(e.previous, style)} already has from ${where(e.previous, style)}: no change.`
        : `Overrides ${assignment(e.previous, style)} from ${where(e.previous, style)}.`;
    case "resets":
      return e.previous
        ? `Resets ${key} to its default, dropping ${assignment(e.previous, style)} from ${where(e.previous, style)}.`
        : `Resets ${key} to its default (nothing set it before).`;
    case "adds": {
      // Several values of a list in one file are the normal case; what other files set is worth saying.
      const elsewhere = e.previous.filter((p) => p.path !== m.path);
      if (elsewhere.length === 0) return undefined;
      return `Adds to ${listOf(elsewhere, style)}; the earlier ${elsewhere.length === 1 ? "value stays" : "values stay"}.`;
    }
    case "clears": {
      const what = conditionGroup(m.entry.key) ?? `the list of ${key}`;
      return e.dropped.length > 0 ? `Resets ${what}: drops ${listOf(e.dropped, style)}.` : `Resets ${what} (nothing set it before).`;
    }
    case "no-reset":
      return e.previous.length > 0
        ? `Has no effect: dependencies cannot be reset, ${listOf(e.previous, style)} ${e.previous.length === 1 ? "stays" : "stay"}.`
        : "Has no effect: dependencies cannot be reset, only added to.";
  }
}

/** What later happens to the assignment, when a later one replaces or clears it. */
export function supersededNote(m: MergedEntry, style: NoteStyle): string | undefined {
  const later = m.supersededBy;
  if (!later) return undefined;
  if (later.effect.kind === "resets") return `No effect: ${assignment(later, style)} at ${where(later, style)} resets it to its default.`;
  if (later.entry.value === "")
    return `No effect: ${assignment(later, style)} at ${where(later, style)} resets ${conditionGroup(later.entry.key) ?? "the list"}.`;
  if (later.entry.value === m.entry.value) return `Set again, to the same value, at ${where(later, style)}.`;
  return `No effect: overridden by ${assignment(later, style)} at ${where(later, style)}.`;
}
