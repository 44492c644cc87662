import type { Fix, RuleMeta } from "../../core/diagnostic.js";
import type { LanguageContext } from "../../core/language.js";
import type { Range } from "../../core/text.js";
import type { DirectiveInfo, UnitType } from "./data.js";
import type { Entry, UnitFile } from "./parser.js";
import type { UnitFileInfo } from "./unit-name.js";
import type { LoadedUnit, UnitLayer } from "./unit-set.js";

export interface UnitCheckContext extends LanguageContext {
  unit: UnitFile;
  info: UnitFileInfo;
  /** From the file name, or guessed from the sections of a file whose name says nothing. */
  type: UnitType | undefined;
  /** The configured target version, or null for "the newest known". */
  configuredVersion: number | null;
  /** The configured target, or the newest known version. */
  targetVersion: number;
  /** The table entry for an assignment, when its section and key are known for this unit type. */
  directiveOf(entry: Entry): DirectiveInfo | undefined;
  /** Whether a section of this name is valid here (sections starting with X- are always ignored quietly). */
  isKnownSection(name: string): boolean;
  /**
   * The unit this file configures as systemd loads it from the workspace's unit set: its fragment
   * and all its drop-ins in systemd's order, this file (with its current text) among them.
   * Undefined when the path names no unit. Computed on first use.
   */
  effective(): LoadedUnit | undefined;
  /** This file's layer in effective(), when it is one. */
  selfLayer(): UnitLayer | undefined;
  /**
   * One object per file path, unit type and target version (the same object on every check while they stay):
   * what an entry rule found in an assignment is kept for this scope (entry-rule.ts).
   */
  entryScope: object;
}

export type Report = (range: Range, message: string, fixes?: Fix[]) => void;

/** One rule per file, each registered in rules/index.ts. */
export interface UnitRule {
  meta: RuleMeta;
  check(ctx: UnitCheckContext, report: Report): void;
}

const entriesOfUnit = new WeakMap<UnitFile, readonly Entry[]>();

/** Every assignment of the file in order; one array per parse, shared by the rules that walk them all. */
export function allEntries(unit: UnitFile): readonly Entry[] {
  let entries = entriesOfUnit.get(unit);
  if (!entries) {
    // A loop, not flatMap(): on a 5,000-line unit flatMap() took most of a millisecond per check.
    const all: Entry[] = [];
    for (const section of unit.sections) for (const entry of section.entries) all.push(entry);
    entries = all;
    entriesOfUnit.set(unit, entries);
  }
  return entries;
}
