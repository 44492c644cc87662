import { tailWhile } from "../../../core/text.js";
import type { UnitRule } from "../rule.js";

/** Whether a line ends in a backslash that is not itself escaped (counted from the end: a pattern would be quadratic on long runs). */
function continues(line: string): boolean {
  return tailWhile(line, (c) => c === "\\").length % 2 === 1;
}

export const trailingBackslashAtEnd: UnitRule = {
  meta: {
    id: "systemd/trailing-backslash-at-end",
    severity: "info",
    doc: "The last line of the file ends in a backslash: it continues into a line that does not exist, so whatever was meant to follow is missing.",
  },
  check(ctx, report) {
    const lines = ctx.unit.lines;
    let last = lines.length - 1;
    if (last > 0 && lines[last] === "") last--; // the final newline
    const comments = new Set(ctx.unit.comments.map((c) => c.line));
    // Comment lines inside a continuation are skipped by systemd, so the continuation reaches past them.
    while (last > 0 && comments.has(last)) last--;
    const text = lines[last] ?? "";
    if (comments.has(last) || !continues(text)) return;
    report(
      { start: { line: last, character: text.length - 1 }, end: { line: last, character: text.length } },
      "This backslash continues the line into the next one, but the file ends here: the rest of the setting is missing (systemd uses the value without it). Remove the backslash, or add the missing line.",
    );
  },
};
