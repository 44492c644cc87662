import { entryRule } from "../entry-rule.js";
import { splitWords } from "../values/words.js";

/** Another NAME= inside a quoted value: ' BAR=' after a blank. */
const secondAssignment = /\s([A-Z_][A-Z0-9_]*)=/;

export const environmentOneVariable = entryRule({
  meta: {
    id: "systemd/environment-one-variable",
    severity: "info",
    doc: 'Environment="A=1 B=2": the quotes make one word, so systemd sets one variable A to "1 B=2" and no B. Quote each assignment on its own: Environment="A=1" "B=2".',
  },
  checkEntry(entry, ctx, report) {
    if (entry.key !== "Environment" || ctx.directiveOf(entry) === undefined) return;
    const split = splitWords(entry.value);
    if (!split.ok) return;
    for (const word of split.words) {
      if (!/^["']/.test(word.raw)) continue;
      const eq = word.text.indexOf("=");
      if (eq <= 0) continue;
      const name = word.text.slice(0, eq);
      const value = word.text.slice(eq + 1);
      const second = secondAssignment.exec(value);
      if (!second) continue;
      const range = { start: entry.positionAt(word.start), end: entry.positionAt(word.end) };
      const parts = word.text.split(/\s+(?=[A-Z_][A-Z0-9_]*=)/);
      const simple = word.raw === `"${word.text}"` && parts.every((p) => !p.includes('"'));
      report(
        range,
        `The quotes make this one assignment: ${name} gets the value '${value}', and ${second[1]} is not set. To set several variables, quote each one: ${parts.map((p) => `"${p}"`).join(" ")}.`,
        simple ? [{ title: "Quote each assignment on its own", edits: [{ range, newText: parts.map((p) => `"${p}"`).join(" ") }] }] : [],
      );
    }
  },
});
