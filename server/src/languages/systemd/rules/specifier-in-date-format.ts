import { entryRule } from "../entry-rule.js";
import type { Entry } from "../parser.js";
import type { Report } from "../rule.js";
import { specifierMeaning } from "../specifiers.js";
import { splitWords } from "../values/words.js";

/** Conversions of strftime (date +FORMAT) that are also systemd specifiers. */
const dateLetters = "YmdHMSyjaAbBTsuw";
/** Two or more date conversions in a row, as in %Y-%m-%d, %H:%M or %Y%m%d. */
const dateRun = new RegExp(`%[${dateLetters}]([-_:. T]?%[${dateLetters}])+`, "g");
/** `date +%s`, `date -u +%H`: one conversion is enough after date's '+'. */
const dateCommand = new RegExp(`(^|[\\s;&|(\`])date(\\s+-[-\\w=]+)*\\s+["']?\\+[^\\s"'();|&\`]*%[${dateLetters}][^\\s"'();|&\`]*`, "g");

/** Keys whose values systemd runs through specifier expansion and which hold command lines or environment values. */
function holdsFormats(entry: Entry): boolean {
  return /^Exec[A-Z]/.test(entry.key) || entry.key === "Environment";
}

function findFormats(value: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const escaped = (at: number) => {
    let n = 0;
    for (let i = at - 1; i >= 0 && value[i] === "%"; i--) n++;
    return n % 2 === 1;
  };
  for (const m of value.matchAll(dateRun)) if (!escaped(m.index)) out.push({ start: m.index, end: m.index + m[0].length });
  for (const m of value.matchAll(dateCommand)) {
    const plus = m[0].indexOf("+");
    const from = m.index + plus;
    const end = m.index + m[0].length;
    if (out.some((o) => o.start < end && o.end > from)) continue;
    const first = value.slice(from, end).search(new RegExp(`(?<!%)%[${dateLetters}]`));
    if (first >= 0 && !escaped(from + first)) out.push({ start: from, end });
  }
  return out;
}

function reportFormat(entry: Entry, range: { start: number; end: number }, report: Report): void {
  const text = entry.value.slice(range.start, range.end);
  const specs = [...new Set([...text.matchAll(/(?<!%)%[A-Za-z]/g)].map((m) => m[0]))].filter((s) => dateLetters.includes(s[1] as string));
  if (specs.length === 0) return;
  const meanings = specs.map((s) => `${s} the ${specifierMeaning(s) ?? "specifier's value"}`).join(", ");
  const fixed = text.replace(new RegExp(`(?<!%)%([${dateLetters}])`, "g"), "%%$1");
  const start = entry.positionAt(range.start);
  const end = entry.positionAt(range.end);
  report(
    { start, end },
    `'${text}' looks like a date format, but systemd expands % specifiers in ${entry.key}= before the program sees them: ${meanings}. Write '%%' for each '%' meant for date: '${fixed}'.`,
    [{ title: `Escape as '${fixed}'`, preferred: true, edits: [{ range: { start, end }, newText: fixed }] }],
  );
}

export const specifierInDateFormat = entryRule({
  meta: {
    id: "systemd/specifier-in-date-format",
    severity: "warning",
    doc: "A date format in a command line or Environment= (date +%H:%M, %Y-%m-%d): systemd reads each %X as a specifier first (%H host name, %m machine ID, %Y unit file directory, ...), so the program gets those values instead. Write %% for a literal %.",
  },
  checkEntry(entry, _ctx, report) {
    if (!holdsFormats(entry) || !entry.value.includes("%")) return;
    // A value that does not split is reported elsewhere; specifiers still apply, but positions would be guesses.
    if (!splitWords(entry.value, { unescape: false }).ok) return;
    for (const range of findFormats(entry.value)) reportFormat(entry, range, report);
  },
});
