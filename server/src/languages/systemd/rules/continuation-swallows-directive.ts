import { tailWhile } from "../../../core/text.js";
import { directiveTable } from "../data.js";
import { allEntries, type UnitRule } from "../rule.js";

/** Keys whose continued lines are expected to look like NAME=value: environment assignments. */
const assignmentLists = new Set(["Environment", "PassEnvironment", "UnsetEnvironment"]);
const ends = (line: string) => tailWhile(line, (c) => c === "\\").length % 2 === 1;

export const continuationSwallowsDirective: UnitRule = {
  meta: {
    id: "systemd/continuation-swallows-directive",
    severity: "warning",
    doc: "A line ending in a backslash continues into the next one even when that one starts a setting of its own (`Restart=always` in column 0): systemd reads it as more of the value above, so the setting below is never applied and the command above gets extra arguments.",
  },
  check(ctx, report) {
    const table = directiveTable(ctx.type);
    const comments = new Set(ctx.unit.comments.map((c) => c.line));
    for (const entry of allEntries(ctx.unit)) {
      const { start, end } = entry.range;
      if (start.line === end.line || assignmentLists.has(entry.key)) continue;
      const known = table.get(entry.section.name);
      if (!known) continue;
      let previous = start.line;
      for (let line = start.line + 1; line <= end.line; line++) {
        if (comments.has(line)) continue;
        const text = ctx.unit.lines[line] ?? "";
        const eq = text.indexOf("=");
        const name = eq > 0 ? text.slice(0, eq).trimEnd() : "";
        // Indented lines are meant as continuations; a line in column 0 that names a directive of this section is not.
        if (name !== "" && /^[A-Za-z]/.test(text) && known.has(name) && ends(ctx.unit.lines[previous] ?? "")) {
          const before = ctx.unit.lines[previous] ?? "";
          report(
            { start: { line, character: 0 }, end: { line, character: eq } },
            `${name}= is read as part of ${entry.key}= above: line ${previous + 1} ends in a backslash, which continues the value into this line. ${name}= is never applied, and ${entry.key}= gets '${text.trim()}' added to its value. Remove the backslash if this is a setting of its own.`,
            [
              {
                title: `Remove the backslash that joins ${name}= to ${entry.key}=`,
                preferred: true,
                edits: [
                  {
                    range: {
                      start: { line: previous, character: before.trimEnd().length - 1 },
                      end: { line: previous, character: before.length },
                    },
                    newText: "",
                  },
                ],
              },
            ],
          );
        }
        previous = line;
      }
    }
  },
};
