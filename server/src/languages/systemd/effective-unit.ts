import { pathParts } from "../../core/kinds.js";
import type { WorkspaceIndex } from "../../core/language.js";
import type { EffectiveUnitLine, EffectiveUnitResult } from "../../protocol.js";
import { type MergedEntry, mergeUnit } from "./merge.js";
import { effectNote, type NoteStyle, plainStyle, supersededNote } from "./merge-notes.js";
import type { UnitFile } from "./parser.js";
import { type LoadedUnit, loadUnit, UnitFiles } from "./unit-set.js";

/**
 * The effective unit, as `systemctl cat` shows it: the unit file and then
 * each drop-in in the order systemd applies them, each under a `# PATH`
 * line, and, unlike systemctl, a note under every assignment that
 * overrides, adds to or resets what an earlier file set, and under every
 * assignment a later one makes void.
 */

/** A line of the view: its text and, for a line of a file, the file and 0-based line (protocol.ts). */
export type EffectiveLine = EffectiveUnitLine;

export interface EffectiveUnit extends EffectiveUnitResult {
  /** The unit asked for. */
  unit: string;
}

export interface EffectiveUnitOptions {
  /** How a file's path is shown in headers and notes (the host path under a root, say); as it is by default. */
  display?: (path: string) => string;
  /** Where the files were looked for, for "no unit file … in the workspace"; "in the workspace" by default. */
  where?: string;
  /** A document whose (unsaved) text wins over the workspace's. */
  current?: { path: string; file: UnitFile };
}

/** The unit `name` as systemd loads it from the unit set of the file at `fromPath`, line by line with sources. */
export function effectiveUnit(
  workspace: WorkspaceIndex,
  name: string,
  fromPath: string,
  options: EffectiveUnitOptions = {},
): EffectiveUnit {
  const loaded = loadUnit(workspace, name, fromPath, new UnitFiles(workspace, options.current));
  return renderEffectiveUnit(loaded, options.display, options.where);
}

/** The view of an already loaded unit. */
export function renderEffectiveUnit(
  loaded: LoadedUnit,
  display: (path: string) => string = (p) => p,
  where = "in the workspace",
): EffectiveUnit {
  const lines: EffectiveLine[] = [];
  const note = (text: string) => lines.push({ text: `# ${text}`, role: "note" });
  const style: NoteStyle = { ...plainStyle, place: (path, line) => `${display(path)}:${line}` };
  const found = Boolean(loaded.fragment || loaded.maskedBy || loaded.dropIns.length > 0);

  if (loaded.maskedBy) {
    note(`${loaded.name} is masked by ${display(loaded.maskedBy)} (a link to /dev/null or an empty file): systemd does not load it.`);
    return finish(loaded.name, true, lines);
  }
  if (!found) {
    note(`No unit file or drop-in for ${loaded.name} ${where}.`);
    return finish(loaded.name, false, lines);
  }
  const target = loaded.fragment ? nameOf(loaded.fragment.path) : undefined;
  if (target && target !== loaded.name && loaded.aliases.includes(loaded.name))
    note(`${loaded.name} is an alias of ${target}; systemd loads the unit below.`);
  if (!loaded.fragment) note(`No unit file for ${loaded.name} ${where}; only its drop-ins:`);

  // Notes go under the last physical line of their assignment (after any continuation lines).
  const notesAt = new Map<string, string[]>();
  for (const m of mergeUnit(loaded)) {
    const texts = [effectNote(m, style), supersededNote(m, style)].filter((t): t is string => t !== undefined);
    if (texts.length === 0) continue;
    const key = placeKey(m.path, lastLineOf(m));
    notesAt.set(key, [...(notesAt.get(key) ?? []), ...texts]);
  }

  loaded.layers.forEach((layer, i) => {
    if (i > 0 || lines.length > 0) lines.push({ text: "", role: "blank" });
    lines.push({ text: `# ${display(layer.path)}`, role: "header", path: layer.path });
    const fileLines = [...layer.file.lines];
    if (fileLines.length > 0 && fileLines[fileLines.length - 1] === "") fileLines.pop();
    fileLines.forEach((text, line) => {
      lines.push({ text, role: "source", path: layer.path, line });
      for (const n of notesAt.get(placeKey(layer.path, line)) ?? []) lines.push({ text: `#   ^ ${n}`, role: "note" });
    });
  });
  return finish(loaded.name, true, lines);
}

function finish(unit: string, found: boolean, lines: EffectiveLine[]): EffectiveUnit {
  return { unit, found, lines, text: `${lines.map((l) => l.text).join("\n")}\n` };
}

function lastLineOf(m: MergedEntry): number {
  return Math.max(m.entry.range.end.line, m.entry.reportLine);
}

function placeKey(path: string, line: number): string {
  return `${line}\u0000${path}`;
}

function nameOf(path: string): string {
  return pathParts(path).pop() ?? path;
}
