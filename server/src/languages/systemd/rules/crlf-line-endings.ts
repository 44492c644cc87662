import type { UnitRule } from "../rule.js";

export const crlfLineEndings: UnitRule = {
  meta: {
    id: "systemd/crlf-line-endings",
    severity: "info",
    doc: "Windows (CR LF) line endings: systemd reads them, but the carriage returns stay in the file for every other tool (diff, grep, sed, scripts that source values) and mark a file copied from Windows.",
  },
  check(ctx, report) {
    const lines = ctx.unit.crlfLines;
    const first = lines[0];
    if (first === undefined) return;
    const end = (ctx.unit.lines[first] ?? "").length;
    report(
      { start: { line: first, character: 0 }, end: { line: first, character: end } },
      `${lines.length === 1 ? "This line ends" : `${lines.length} lines end`} in CR LF (Windows line endings). systemd reads the file fine, but other tools see a carriage return at the end of every line; save the file with LF endings.`,
    );
  },
};
