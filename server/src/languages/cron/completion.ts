import type { CompletionItem, LanguageContext } from "../../core/language.js";
import { type Position, tailWhile } from "../../core/text.js";
import { dialectOf } from "./context.js";
import { envVars, fields, specials } from "./data.js";
import type { CronFile } from "./parser.js";

const monthLong = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const dayLong = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** Completion: @shorthands and variables at the start of a line, month and weekday names in their fields. */
export function completeCron(file: CronFile, position: Position, lctx: LanguageContext): CompletionItem[] {
  const dialect = dialectOf(lctx);
  const lineStart = file.offsetAt({ line: position.line, character: 0 });
  const before = file.text.slice(lineStart, file.offsetAt(position));
  if (/^\s*#/.test(before)) return [];
  const word = tailWhile(before, (c) => !/[\s,\-/]/.test(c));
  const range = { start: { line: position.line, character: position.character - word.length }, end: position };
  const words = before.trimStart().split(/[ \t]+/);
  if (words.length === 1) {
    if (before.includes("=")) return [];
    const shorthands: CompletionItem[] = specials
      .filter((s) => s.dialects.includes(dialect))
      .map((s) => ({
        label: s.name,
        kind: "value",
        detail: s.expansion ?? s.meaning,
        range,
        sortText: `0${s.name}`,
      }));
    const variables: CompletionItem[] = envVars
      .filter((v) => v.dialects.includes(dialect) && v.name !== "LOGNAME")
      .map((v) => ({ label: `${v.name}=`, kind: "directive", detail: v.meaning.split(";")[0], range, sortText: `1${v.name}` }));
    return [...shorthands, ...variables];
  }
  if (before.trimStart().startsWith("@") || words.length > 5) return [];
  const index = words.length - 1;
  const info = fields[index];
  if (!info || info.names.length === 0) return [];
  const long = index === 3 ? monthLong : dayLong;
  return info.names.map((n, i) => ({
    label: n,
    kind: "value",
    detail: `${long[i]} (${i + info.min})`,
    range,
    sortText: String(i).padStart(2, "0"),
  }));
}
