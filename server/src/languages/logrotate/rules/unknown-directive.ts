import { editDistance } from "../../../core/edit-distance.js";
import { directiveInfo, directives } from "../data.js";
import type { LogrotateRule } from "../rule.js";

const names = directives.filter((d) => d.name !== "endscript").map((d) => d.name);

/** The closest directive name (edit distance up to 2, 3 for long words). */
export function suggestDirective(word: string): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = lower.length > 7 ? 4 : 3;
  for (const n of names) {
    const d = editDistance(lower, n, false, bestDistance);
    if (d < bestDistance) {
      best = n;
      bestDistance = d;
    }
  }
  return best;
}

export const unknownDirective: LogrotateRule = {
  meta: {
    id: "logrotate/unknown-directive",
    severity: "error",
    doc: "A keyword logrotate does not know (a typo such as `notifempy`, or a word after a directive that takes no argument): logrotate ignores the line with a warning.",
  },
  check(ctx, report) {
    for (const p of ctx.file.problems) if (p.code === "not-a-statement" && !p.after) report(p.range, p.message);
    for (const d of ctx.file.directives) {
      const name = d.name.text;
      if (name === "endscript") {
        report(d.name.range, "'endscript' without a script block before it: logrotate ignores it.");
        continue;
      }
      if (directiveInfo(name)) continue;
      const lower = name.toLowerCase();
      const guess = directiveInfo(lower) ? lower : suggestDirective(name);
      const why = d.after
        ? `'${d.after.name.text}' takes no argument, so logrotate reads '${name}' as another directive and ignores it.`
        : `logrotate ignores the line.`;
      report(
        d.name.range,
        `Unknown directive '${name}'${guess && !d.after ? `; did you mean '${guess}'?` : ""} ${why}`,
        guess && !d.after ? [{ title: `Write '${guess}'`, edits: [{ range: d.name.range, newText: guess }], preferred: true }] : undefined,
      );
    }
  },
};
