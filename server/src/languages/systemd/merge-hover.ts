import { pathToFileURL } from "node:url";
import { escapeMarkdown, inlineCode } from "../../core/markdown.js";
import { mergeUnit } from "./merge.js";
import { effectNote, type NoteStyle, supersededNote } from "./merge-notes.js";
import type { Entry } from "./parser.js";
import type { UnitCheckContext } from "./rule.js";

/** A file and line in hover Markdown: a link that opens it there, when the path is absolute. */
function place(path: string, line: number): string {
  const label = escapeMarkdown(`${path}:${line}`);
  if (!path.startsWith("/")) return label;
  return `[${label}](${pathToFileURL(path).href}#L${line})`;
}

const markdownStyle: NoteStyle = { code: inlineCode, place };

/**
 * What an assignment does to the unit systemd assembles from the unit file and
 * its drop-ins: "Overrides `Restart=on-failure` from …", "Adds to …",
 * "Resets the list …", or that a later file makes it void. Nothing when the
 * unit has a single file, or the assignment simply sets a value.
 */
export function mergeHover(entry: Entry, ctx: UnitCheckContext): string | undefined {
  const loaded = ctx.effective();
  if (!loaded || loaded.layers.length < 2 || !ctx.selfLayer()) return undefined;
  const merged = mergeUnit(loaded).find((m) => m.entry === entry);
  if (!merged) return undefined;
  const notes = [effectNote(merged, markdownStyle), supersededNote(merged, markdownStyle)].filter((n) => n !== undefined);
  return notes.length > 0 ? notes.join("\n\n") : undefined;
}
