import { dateSpecifiers } from "../arguments.js";
import { effective } from "../effective.js";
import type { Directive, LogrotateFile } from "../parser.js";
import type { LogrotateRule, Report } from "../rule.js";

/** Rank of each specifier in the order names must sort (year first); %s (seconds since 1970) and %V sort on their own. */
const rank: Record<string, number> = { Y: 0, m: 1, d: 2, H: 3, M: 4, S: 5 };
/** The specifiers that tell two rotations of each period apart. */
const unique: Record<string, string[]> = {
  hourly: ["H", "s"],
  daily: ["d", "s"],
  weekly: ["d", "V", "s"],
  monthly: ["m", "d", "s"],
  yearly: ["Y", "m", "d", "s"],
};

function check(file: LogrotateFile, d: Directive, frequency: string | undefined, dateext: boolean, report: Report) {
  const v = d.value;
  if (!v) return;
  const specs: { c: string; at: number }[] = [];
  for (let i = 0; i < v.text.length; i++) if (v.text[i] === "%") specs.push({ c: v.text[i + 1] ?? "", at: i++ });
  const range = (at: number) => ({
    start: { line: v.range.start.line, character: v.range.start.character + at },
    end: { line: v.range.start.line, character: v.range.start.character + at + 2 },
  });
  const unknown = specs.find((s) => !dateSpecifiers.has(s.c));
  if (unknown) {
    report(
      range(unknown.at),
      `logrotate understands only %Y %m %d %H %M %S %V and %s in dateformat: '%${unknown.c}' is written into the file name as it is.`,
    );
    return;
  }
  if (!dateext) return;
  const ranked = specs.filter((s) => s.c in rank);
  const outOfOrder = ranked.find((s, i) => i > 0 && (rank[s.c] as number) < (rank[(ranked[i - 1] as { c: string }).c] as number));
  if (outOfOrder && !specs.some((s) => s.c === "s"))
    report(
      v.range,
      `'${v.text}' does not sort by date: logrotate sorts rotated names as text to find the oldest, so with \`rotate\` it deletes the wrong ones. Order the parts from year to second (\`-%Y%m%d\`).`,
    );
  const need = frequency ? unique[frequency] : undefined;
  if (need && !specs.some((s) => need.includes(s.c)) && file.directives.some((x) => x.name.text === frequency))
    report(
      v.range,
      `With '${frequency}', '${v.text}' gives two rotations the same name: the second finds the first in place and logrotate skips it ("destination already exists"). Add %${need[0]} (or %s).`,
    );
}

export const dateformat: LogrotateRule = {
  meta: {
    id: "logrotate/dateformat",
    severity: "warning",
    doc: "A `dateformat` that does not do what it seems to: a specifier logrotate does not know (it writes it literally), parts not ordered year to second (the oldest copies are found by sorting names), or a format that repeats within the rotation period (the next rotation is skipped).",
  },
  check(ctx, report) {
    const seen = new Set<Directive>();
    const scopes = [...ctx.file.blocks.map((b) => effective(ctx.file, b)), effective(ctx.file, undefined)];
    for (const eff of scopes) {
      const d = eff.get("dateformat");
      if (!d || seen.has(d)) continue;
      seen.add(d);
      const frequency = eff.winner("daily")?.name.text;
      check(ctx.file, d, frequency === "size" ? undefined : frequency, eff.get("dateext") !== undefined, report);
    }
  },
};
