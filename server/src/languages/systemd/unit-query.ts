/**
 * Small questions rules ask about one unit file: the assignments of a key in
 * a section, the value systemd ends up with, the unit names a dependency
 * lists, and an edit that adds a line after an assignment.
 */
import type { Fix } from "../../core/diagnostic.js";
import type { Entry, Section, UnitFile } from "./parser.js";
import { splitWords } from "./values/words.js";

const byKeyOfUnit = new WeakMap<UnitFile, Map<string, Map<string, Entry[]>>>();
const none: readonly Entry[] = [];

/**
 * Every assignment of `key` in sections named `section`, in file order. From an index of the file built on the
 * first question: a dozen rules ask for a few keys each, and each question walked every assignment.
 */
export function entriesOf(unit: UnitFile, section: string, key: string): readonly Entry[] {
  return keyIndexOf(unit).get(section)?.get(key) ?? none;
}

/** The assignments of the file by section name and key, each list in file order; built once per parse. */
export function keyIndexOf(unit: UnitFile): KeyIndex {
  let index = byKeyOfUnit.get(unit);
  if (!index) {
    index = indexSections(unit.sections);
    byKeyOfUnit.set(unit, index);
  }
  return index;
}

export type KeyIndex = ReadonlyMap<string, ReadonlyMap<string, readonly Entry[]>>;

/** Assignments by section name and key, each list in the sections' order. */
export function indexSections(sections: readonly Section[]): Map<string, Map<string, Entry[]>> {
  const bySection = new Map<string, Map<string, Entry[]>>();
  for (const s of sections) {
    let byKey = bySection.get(s.name);
    if (!byKey) {
      byKey = new Map();
      bySection.set(s.name, byKey);
    }
    for (const e of s.entries) {
      const list = byKey.get(e.key);
      if (list) list.push(e);
      else byKey.set(e.key, [e]);
    }
  }
  return bySection;
}

/** The assignment that wins for a single-valued setting (the last one), if any; an empty one resets to the default. */
export function lastEntry(unit: UnitFile, section: string, key: string): Entry | undefined {
  const all = entriesOf(unit, section, key);
  const last = all[all.length - 1];
  return last && last.value !== "" ? last : undefined;
}

/** The words of a list setting as systemd keeps them: an empty assignment clears what came before. */
export function listWords(unit: UnitFile, section: string, key: string): { word: string; entry: Entry; start: number; end: number }[] {
  let out: { word: string; entry: Entry; start: number; end: number }[] = [];
  for (const entry of entriesOf(unit, section, key)) {
    if (entry.value === "") {
      out = [];
      continue;
    }
    const split = splitWords(entry.value);
    if (!split.ok) continue;
    for (const w of split.words) out.push({ word: w.text, entry, start: w.start, end: w.end });
  }
  return out;
}

/** The unit type from a unit name (`foo.service` → `service`). */
export const typeOfName = (name: string) => name.slice(name.lastIndexOf(".") + 1);

/** The name of a unit without its type suffix (`foo@bar.timer` → `foo@bar`). */
export const stemOfName = (name: string) => name.slice(0, name.lastIndexOf("."));

/** A quick fix that puts `line` on a line of its own right after `entry` (at the end of a file without a final newline, too). */
export function addLineAfter(unit: UnitFile, entry: Entry, line: string, title: string): Fix {
  const endLine = entry.range.end.line;
  const atEnd = endLine + 1 >= unit.lines.length;
  const at = atEnd ? { line: endLine, character: (unit.lines[endLine] ?? "").length } : { line: endLine + 1, character: 0 };
  return { title, preferred: true, edits: [{ range: { start: at, end: at }, newText: atEnd ? `\n${line}` : `${line}\n` }] };
}
