import type { Hover, LanguageContext } from "../../core/language.js";
import { escapeMarkdown, inlineCode } from "../../core/markdown.js";
import type { Position } from "../../core/text.js";
import { containsPosition } from "../../core/text.js";
import { formatTimespan, parseTimespan } from "../calendar/timespan.js";
import { calendarHover } from "./calendar-hover.js";
import { unitContext } from "./context.js";
import { type DirectiveInfo, parserInfo, sectionsForType } from "./data.js";
import { directiveMarkdown } from "./docs.js";
import { mergeHover } from "./merge-hover.js";
import { type Entry, entryAt, type UnitFile } from "./parser.js";
import { securityHover } from "./security/editor.js";
import { specifierMeaning } from "./specifiers.js";

const sectionDocs: Record<string, string> = {
  Unit: "Generic settings of any unit: description, documentation, dependencies and ordering, conditions.",
  Install:
    "How `systemctl enable` hooks the unit into the boot: WantedBy=, RequiredBy=, Alias=, Also=. Read by systemctl, not by the running manager.",
  Service: "How the service's processes are started, stopped, restarted and sandboxed.",
  Socket: "The sockets, FIFOs or message queues systemd listens on and hands to the service it activates.",
  Timer: "When the unit it activates (by default the service of the same name) should run.",
  Path: "File-system paths to watch; a change activates the unit (by default the service of the same name).",
  Mount: "A file system mount point controlled by systemd; the unit name must match Where=.",
  Automount: "A mount point mounted on first access; the matching .mount unit does the mounting.",
  Swap: "A swap device or file; the unit name must match What=.",
  Slice: "Resource-control settings for a group of units in the cgroup tree.",
  Scope: "Resource-control settings for externally created process groups.",
};

export function hoverUnit(unit: UnitFile, position: Position, lctx: LanguageContext): Hover | undefined {
  const ctx = unitContext(unit, lctx);
  for (const section of unit.sections) {
    if (containsPosition(section.headerRange, position)) {
      const doc = sectionDocs[section.name];
      const valid = ctx.type ? sectionsForType(ctx.type).includes(section.name) : true;
      const exposure = securityHover(unit, position, lctx);
      const contents = doc
        ? `**\\[${escapeMarkdown(section.name)}\\]**\n\n${doc}${valid ? "" : `\n\nNot a section of .${ctx.type} units.`}`
        : `**\\[${escapeMarkdown(section.name)}\\]**`;
      return { range: section.headerRange, contents: exposure ? `${contents}\n\n---\n\n${exposure}` : contents };
    }
  }
  const entry = entryAt(unit, position);
  if (!entry) return undefined;
  const directive = ctx.directiveOf(entry);
  const onKey = containsPosition(entry.keyRange, position);
  if (!onKey && !containsPosition(entry.valueRange, position)) return undefined;
  // In a unit with drop-ins, what this assignment does to the merged unit comes first.
  const merge = mergeHover(entry, ctx);
  const withMerge = (hover: Hover | undefined): Hover | undefined =>
    merge ? { range: hover?.range ?? entry.range, contents: hover ? `${merge}\n\n---\n\n${hover.contents}` : merge } : hover;
  if (onKey) return withMerge(directive ? { range: entry.keyRange, contents: directiveMarkdown(directive) } : undefined);
  return withMerge(valueHover(entry, position, directive));
}

function valueHover(entry: Entry, position: Position, directive: DirectiveInfo | undefined): Hover | undefined {
  // A specifier under the cursor explains itself.
  for (let i = 0; i < entry.value.length - 1; i++) {
    if (entry.value[i] !== "%") continue;
    const start = entry.positionAt(i);
    const end = entry.positionAt(i + 2);
    const spec = entry.value.slice(i, i + 2);
    i++;
    if (containsPosition({ start, end }, position)) {
      const meaning = specifierMeaning(spec);
      return {
        range: { start, end },
        contents: meaning
          ? `${inlineCode(spec)} — ${meaning}`
          : `${inlineCode(spec)} is not a systemd specifier; write ${inlineCode("%%")} for a literal percent sign.`,
      };
    }
  }
  if (!directive) return undefined;
  // OnCalendar=: the normalized form and the next elapses.
  const calendar = directive.name === "OnCalendar" ? calendarHover(entry) : undefined;
  if (calendar) return calendar;
  const kind = parserInfo(directive.parser)?.kind;
  if ((kind === "timespan" || (kind === "timer" && directive.name !== "OnCalendar")) && entry.value !== "") {
    const r = parseTimespan(entry.value);
    if (r.ok) {
      const seconds = Number(r.value) / 1e6;
      return {
        range: entry.valueRange,
        contents: `${inlineCode(entry.value)} = ${formatTimespan(r.value)}${r.value < (1n << 64n) - 1n ? ` (${seconds.toLocaleString("en-US")} s)` : ""}`,
      };
    }
  }
  return { range: entry.valueRange, contents: directiveMarkdown(directive) };
}
