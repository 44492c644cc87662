import type { Hover, LanguageContext } from "../../core/language.js";
import { inlineCode } from "../../core/markdown.js";
import { containsPosition, type Position } from "../../core/text.js";
import { directiveInfo, manPage } from "./data.js";
import { descriptions } from "./descriptions.js";
import type { LogrotateFile } from "./parser.js";
import { logrotateVersion } from "./version.js";

const scopeText: Record<string, string> = {
  both: "the global section (then it applies to every block read after it) or a log block",
  global: "the global section only (inside a log block logrotate skips the block)",
  "per-log (doc)": "a log block (logrotate also takes it in the global section, where every later block inherits it)",
  "inside script block": "a script block, as the first word of its own line",
};

const anchor = (section: string) => (/^\(/.test(section) ? "" : `#${section.toUpperCase().replace(/\s+/g, "_")}`);

/** Hover on a directive: what it does, its argument, default, scope, releases and the man page section. */
export function hoverLogrotate(file: LogrotateFile, position: Position, ctx: LanguageContext): Hover | undefined {
  const d = file.directives.find((x) => containsPosition(x.name.range, position));
  if (!d) {
    const b = file.blocks.find((x) => x.patterns.some((p) => containsPosition(p.range, position)));
    const p = b?.patterns.find((x) => containsPosition(x.range, position));
    if (!b || !p) return undefined;
    return {
      range: p.range,
      contents: `${inlineCode(p.text)}\n\nA log file pattern (a shell glob): the ${b.directives.length} directive(s) of this block apply to every file it matches.`,
    };
  }
  const info = directiveInfo(d.name.text);
  if (!info) return undefined;
  const text = descriptions[info.name];
  const version = logrotateVersion(ctx.settings);
  const lines = [
    `**${info.name}**${info.argType === "none" ? "" : ` *${info.argType}*`}`,
    "",
    ...(text ? [text.what, ""] : []),
    ...(info.detail ? [`Argument: ${info.detail}.`, ""] : []),
    ...(text ? [`Default: ${text.default}.`, ""] : []),
    `Where: ${scopeText[info.scope] ?? info.scope}.`,
    ...(info.partners.length ? [`Overridden by (last one wins): ${info.partners.map((p) => `\`${p}\``).join(", ")}.`] : []),
    ...(info.notes ? [`Note: ${info.notes}.`] : []),
    `Since logrotate ${info.firstRelease === "0.1" ? "its first releases" : info.firstRelease}; ${info.inDebian12 ? "in" : "not in"} 3.21.0 (Debian 12) and in 3.22.0 (checking against ${version}).`,
    "",
    `[logrotate(8) — ${info.manSection}](${manPage}${anchor(info.manSection)})`,
  ];
  return { range: d.name.range, contents: lines.join("\n") };
}
