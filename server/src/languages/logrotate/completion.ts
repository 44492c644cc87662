import type { CompletionItem, LanguageContext } from "../../core/language.js";
import type { Position } from "../../core/text.js";
import { directives } from "./data.js";
import { blockAt, type LogrotateFile } from "./parser.js";

/** A snippet placeholder, `${n:text}`. */
const ph = (n: number, text: string) => `$${"{"}${n}:${text}}`;

const snippets: Record<string, string> = {
  rotate: `rotate ${ph(1, "4")}`,
  size: `size ${ph(1, "100M")}`,
  maxsize: `maxsize ${ph(1, "100M")}`,
  minsize: `minsize ${ph(1, "1M")}`,
  create: `create ${ph(1, "0640")} ${ph(2, "root")} ${ph(3, "adm")}`,
  su: `su ${ph(1, "root")} ${ph(2, "adm")}`,
  olddir: `olddir ${ph(1, "/var/log/old")}`,
  include: `include ${ph(1, "/etc/logrotate.d")}`,
  maxage: `maxage ${ph(1, "30")}`,
  minage: `minage ${ph(1, "1")}`,
};

/** Directives at the start of a statement: all of them inside a block but the global-only ones; at the top level, all. */
export function completeLogrotate(file: LogrotateFile, position: Position, _ctx: LanguageContext): CompletionItem[] {
  const lineStart = file.offsetAt({ line: position.line, character: 0 });
  const before = file.text.slice(lineStart, file.offsetAt(position));
  if (!/^\s*[A-Za-z]*$/.test(before)) return [];
  const word = /[A-Za-z]*$/.exec(before)?.[0] ?? "";
  const range = { start: { line: position.line, character: position.character - word.length }, end: position };
  const inScript = file.directives.some(
    (d) =>
      d.script && position.line >= d.script.startLine && position.line <= (d.script.end ? d.script.end.range.start.line : d.script.endLine),
  );
  // Inside a script only the word that ends it is logrotate's; the rest is shell.
  if (inScript)
    return word !== "" && "endscript".startsWith(word) ? [{ label: "endscript", kind: "directive", detail: "ends the script", range }] : [];
  const inBlock = blockAt(file, position) !== undefined;
  return directives
    .filter((d) => d.name !== "endscript" && !(inBlock && d.scope === "global"))
    .map((d) => {
      const script = d.argType === "script block";
      const insertText = script ? `${d.name}\n\t$0\nendscript` : snippets[d.name];
      return {
        label: d.name,
        kind: "directive" as const,
        detail: d.argType === "none" ? d.manSection : `${d.argType} — ${d.manSection}`,
        documentation: d.detail,
        range,
        ...(insertText ? { insertText, snippet: true } : {}),
      };
    });
}
