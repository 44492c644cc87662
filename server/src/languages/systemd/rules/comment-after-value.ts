import { trailingCommentOffset } from "../comment.js";
import { entryRule } from "../entry-rule.js";

export const commentAfterValue = entryRule({
  meta: {
    id: "systemd/comment-after-value",
    severity: "warning",
    doc: "A '#' after a value is not a comment in unit files: it becomes part of the value.",
  },
  checkEntry(entry, ctx, report) {
    if (!ctx.directiveOf(entry)) return;
    const offset = trailingCommentOffset(entry.value);
    if (offset === undefined) return;
    const comment = entry.value.slice(offset);
    const head = entry.value.slice(0, offset).trimEnd();
    const start = entry.positionAt(offset);
    const end = entry.positionAt(entry.value.length);
    const indent = "";
    const line = entry.range.start.line;
    report(
      { start, end },
      `'${comment}' is part of the value, not a comment: systemd has comments only on lines of their own. The value is '${entry.value}'.`,
      [
        {
          title: "Move the comment to its own line",
          preferred: true,
          edits: [
            { range: { start: entry.positionAt(head.length), end }, newText: "" },
            { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}${comment}\n` },
          ],
        },
      ],
    );
  },
});
