import type { Entry } from "../parser.js";
import type { UnitCheckContext, UnitRule } from "../rule.js";
import { lastEntry, listWords, stemOfName } from "../unit-query.js";

const pulling = ["Requires", "Wants", "BindsTo", "Upholds"] as const;

/** The name of the unit a timer or path unit activates: Unit=, or the service of the same name. */
export function activatedUnit(ctx: UnitCheckContext): string | undefined {
  const self = ctx.info.unitName;
  if (!self) return undefined;
  const section = ctx.type === "timer" ? "Timer" : "Path";
  const explicit = lastEntry(ctx.unit, section, "Unit")?.value;
  return explicit ? resolveNameSpecifiers(explicit, self) : `${stemOfName(self)}.service`;
}

/** Expands the name specifiers %N %p %i %I %n in a unit name as they would be for unit `self` (templates keep an empty instance). */
export function resolveNameSpecifiers(name: string, self: string): string {
  const stem = stemOfName(self);
  const at = stem.indexOf("@");
  const prefix = at >= 0 ? stem.slice(0, at) : stem;
  const instance = at >= 0 ? stem.slice(at + 1) : "";
  return name.replace(/%([NnpPiIj])/g, (_, s: string) =>
    s === "N" ? stem : s === "n" ? self : s === "p" || s === "P" ? prefix : s === "j" ? (prefix.split("-").pop() ?? "") : instance,
  );
}

/** Removes one word from a dependency line, or the whole line when it is the only word. */
function removeWordFix(ctx: UnitCheckContext, entry: Entry, start: number, end: number, key: string, word: string) {
  const only = entry.value.trim() === entry.value.slice(start, end);
  const range = only
    ? { start: { line: entry.range.start.line, character: 0 }, end: { line: entry.range.end.line + 1, character: 0 } }
    : { start: entry.positionAt(start), end: entry.positionAt(Math.min(entry.value.length, end + 1)) };
  if (only && entry.range.end.line + 1 >= ctx.unit.lines.length)
    range.end = { line: entry.range.end.line, character: (ctx.unit.lines[entry.range.end.line] ?? "").length };
  return { title: `Remove ${word} from ${key}=`, preferred: true, edits: [{ range, newText: "" }] };
}

export const triggerRequiresOwnUnit: UnitRule = {
  meta: {
    id: "systemd/trigger-requires-own-unit",
    severity: "warning",
    doc: "A timer or path unit that Requires=/Wants= the unit it activates: starting the timer (at boot, at enable --now) starts that unit at once too, besides the schedule.",
  },
  check(ctx, report) {
    if ((ctx.type !== "timer" && ctx.type !== "path") || !ctx.info.unitName) return;
    const target = activatedUnit(ctx);
    if (!target) return;
    const self = ctx.info.unitName;
    for (const key of pulling) {
      for (const w of listWords(ctx.unit, "Unit", key)) {
        if (resolveNameSpecifiers(w.word, self) !== target) continue;
        const what = ctx.type === "timer" ? "the schedule" : "the watched path";
        report(
          { start: w.entry.positionAt(w.start), end: w.entry.positionAt(w.end) },
          `${key}=${w.word} makes starting this ${ctx.type} start ${w.word} right away — at every boot and at 'systemctl enable --now' — not only when ${what} says so. A ${ctx.type} activates its unit by itself; remove it from ${key}=.`,
          [removeWordFix(ctx, w.entry, w.start, w.end, key, w.word)],
        );
      }
    }
  },
};
