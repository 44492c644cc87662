import type { TextEdit } from "../../../core/diagnostic.js";
import type { LogrotateFile } from "../parser.js";
import type { LogrotateRule } from "../rule.js";

/** One edit per CR LF, replaced by LF (an editor sees CR LF as one line end, so the edit spans it): the whole file in LF. */
function toLf(file: LogrotateFile): TextEdit[] {
  const edits: TextEdit[] = [];
  for (let i = file.text.indexOf("\r\n"); i >= 0; i = file.text.indexOf("\r\n", i + 2)) {
    edits.push({ range: { start: file.positionAt(i), end: file.positionAt(i + 2) }, newText: "\n" });
  }
  return edits;
}

export const crlfLineEndings: LogrotateRule = {
  meta: {
    id: "logrotate/crlf-line-endings",
    severity: "error",
    doc: "Windows line ends (CR LF): logrotate reads a CR after `{`, after `}` or on a blank line as a stray character, skips the block or stops reading the file.",
  },
  check(ctx, report) {
    const problems = ctx.file.problems.filter((p) => p.code === "crlf");
    if (problems.length === 0) return;
    const fix = { title: "Convert the file to LF line ends", edits: toLf(ctx.file), preferred: true };
    for (const p of problems) report(p.range, p.message, [fix]);
  },
};
