import type { Hover, LanguageContext } from "../../core/language.js";
import { containsPosition, type Position } from "../../core/text.js";
import { directiveInfo, manPage } from "./data.js";
import type { LogrotateFile } from "./parser.js";

const scopeText: Record<string, string> = {
  both: "global section or a log block",
  global: "global section only (rejected inside a log block)",
  "per-log (doc)": "a log block (the man page says so; the parser also takes it globally)",
  "inside script block": "ends a script block",
};

const anchor = (section: string) => (/^\(/.test(section) ? "" : `#${section.toUpperCase().replace(/\s+/g, "_")}`);

/** Hover on a directive: its argument, scope, man page section, first release, and a link to logrotate(8). */
export function hoverLogrotate(file: LogrotateFile, position: Position, _ctx: LanguageContext): Hover | undefined {
  const d = file.directives.find((x) => containsPosition(x.name.range, position));
  if (!d) {
    const b = file.blocks.find((x) => x.patterns.some((p) => containsPosition(p.range, position)));
    const p = b?.patterns.find((x) => containsPosition(x.range, position));
    if (!b || !p) return undefined;
    return {
      range: p.range,
      contents: `A log file pattern (a shell glob): the ${b.directives.length} directive(s) of this block apply to every file it matches.`,
    };
  }
  const info = directiveInfo(d.name.text);
  if (!info) return undefined;
  const lines = [
    `**${info.name}**${info.argType === "none" ? "" : ` *${info.argType}*`}`,
    "",
    ...(info.detail ? [`Argument: ${info.detail}.`, ""] : []),
    `Where: ${scopeText[info.scope] ?? info.scope}.`,
    ...(info.partners.length ? [`Overridden by (last one wins): ${info.partners.map((p) => `\`${p}\``).join(", ")}.`] : []),
    ...(info.notes ? [`Note: ${info.notes}.`] : []),
    `Since logrotate ${info.firstRelease === "0.1" ? "its first releases" : info.firstRelease}${info.inDebian12 ? "; in Debian 12 (3.21.0)" : "; not in Debian 12 (3.21.0)"}.`,
    "",
    `[logrotate(8) — ${info.manSection}](${manPage}${anchor(info.manSection)})`,
  ];
  return { range: d.name.range, contents: lines.join("\n") };
}
