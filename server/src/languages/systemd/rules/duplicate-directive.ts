import { parserInfo } from "../data.js";
import type { Entry } from "../parser.js";
import type { UnitRule } from "../rule.js";
import { isSingleValued } from "../single-valued.js";
import { parseBoolean } from "../values/scalars.js";

function sameValue(a: string, b: string, kind: string): boolean {
  if (a === b) return true;
  if (kind !== "bool" && kind !== "tristate") return false;
  const x = parseBoolean(a);
  return x !== undefined && x === parseBoolean(b);
}

export const duplicateDirective: UnitRule = {
  meta: {
    id: "systemd/duplicate-directive",
    severity: "warning",
    doc: "A single-valued directive set twice in one section to different values: the last assignment wins and the first is silently lost (an override with its own comment line right above it counts as deliberate).",
  },
  check(ctx, report) {
    // Prose comments only: a commented-out assignment ('#ProtectSystem=full') explains nothing. Gathered at the
    // first duplicate: most files have none, and a 5,000-line unit has a thousand comments to test on every edit.
    let commentLines: Set<number> | undefined;
    const proseCommentLines = () =>
      new Set(ctx.unit.comments.filter((c) => !/^\s*[#;]\s*[A-Za-z][\w-]*\s*=/.test(c.text)).map((c) => c.line));
    for (const section of ctx.unit.sections) {
      const seen = new Map<string, Entry>();
      for (const entry of section.entries) {
        const d = ctx.directiveOf(entry);
        if (!d || !isSingleValued(d)) continue;
        const kind = parserInfo(d.parser)?.kind ?? "string";
        const previous = seen.get(entry.key);
        seen.set(entry.key, entry);
        if (!previous || previous.value === "" || entry.value === "") continue;
        // The same value again loses nothing.
        if (sameValue(previous.value, entry.value, kind)) continue;
        // An override with a comment of its own right above it is deliberate, not silent (Debian's chrony.service).
        commentLines ??= proseCommentLines();
        if (commentLines.has(entry.range.start.line - 1)) continue;
        report(
          entry.keyRange,
          `${entry.key}= is already set on line ${previous.range.start.line + 1} ('${previous.value}'); this assignment replaces it.`,
        );
      }
    }
  },
};
