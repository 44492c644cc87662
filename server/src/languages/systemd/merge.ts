import { isUnitType, lookupDirective, parserInfo, type UnitType } from "./data.js";
import { isSingleValued } from "./single-valued.js";
import type { LoadedUnit, SourcedEntry } from "./unit-set.js";
import { sourcedEntries } from "./unit-set.js";

/**
 * What each assignment of a loaded unit does to the settings systemd ends
 * up with, read in systemd's order (fragment, then drop-ins):
 *
 * - a single-valued setting replaces the value before it; an empty
 *   assignment puts it back to its default, where its parser allows that;
 * - a list setting adds to the list; an empty assignment clears it
 *   (`ExecStart=` in a drop-in), except dependencies (`After=`, `Wants=`…),
 *   which systemd.unit(5) says cannot be reset, and an empty condition or
 *   assertion clears every condition (or assertion) before it, of any name.
 *
 * Directives the tables do not know are read as they are, without effect.
 */

export type EntryEffect =
  /** The first assignment of the setting, or one whose effect is not known. */
  | { kind: "sets" }
  /** A single value that replaces an earlier one (`same`: with the value it already had). */
  | { kind: "overrides"; previous: SourcedEntry; same: boolean }
  /** An empty single value: the setting goes back to its default. */
  | { kind: "resets"; previous?: SourcedEntry }
  /** A list value added after earlier ones of the same setting, which stay. */
  | { kind: "adds"; previous: SourcedEntry[] }
  /** An empty list assignment that drops what came before. */
  | { kind: "clears"; dropped: SourcedEntry[] }
  /** An empty dependency assignment: systemd cannot reset dependencies, the earlier ones stay. */
  | { kind: "no-reset"; previous: SourcedEntry[] };

export interface MergedEntry extends SourcedEntry {
  effect: EntryEffect;
  /** The later assignment that replaces or clears this one, when there is one. */
  supersededBy?: MergedEntry;
}

type Behaviour = "single" | "single-no-reset" | "list" | "dependency" | "unknown";

function behaviourOf(section: string, key: string, type: UnitType | undefined): Behaviour {
  const d = lookupDirective(section, key, type);
  if (!d) return "unknown";
  if (d.parser === "config_parse_unit_deps" || d.parser === "config_parse_obsolete_unit_deps") return "dependency";
  const resets = parserInfo(d.parser)?.emptyResets ?? false;
  if (isSingleValued(d)) return resets ? "single" : "single-no-reset";
  return resets ? "list" : "unknown";
}

/** Conditions, and assertions, are cleared all together by an empty one of any name. */
function groupOf(section: string, key: string): string {
  if (section === "Unit" && key.startsWith("Condition")) return "Unit\u0000Condition*";
  if (section === "Unit" && key.startsWith("Assert")) return "Unit\u0000Assert*";
  return `${section}\u0000${key}`;
}

/** The unit type of a loaded unit's name (`foo.service` → service). */
export function typeOfUnitName(name: string): UnitType | undefined {
  const t = name.slice(name.lastIndexOf(".") + 1);
  return isUnitType(t) ? t : undefined;
}

/** Every assignment of the loaded unit in systemd's order, with what it does to the merged unit. */
export function mergeUnit(unit: LoadedUnit): MergedEntry[] {
  const type = typeOfUnitName(unit.name);
  // The assignments in force for each setting (or condition group) so far.
  const live = new Map<string, MergedEntry[]>();
  const out: MergedEntry[] = [];
  for (const sourced of sourcedEntries(unit)) {
    const { entry } = sourced;
    const section = entry.section.name;
    const behaviour = behaviourOf(section, entry.key, type);
    const group = groupOf(section, entry.key);
    const before = live.get(group) ?? [];
    const merged: MergedEntry = { ...sourced, effect: { kind: "sets" } };
    const empty = entry.value === "";
    const supersede = (olds: MergedEntry[]) => {
      for (const old of olds) old.supersededBy = merged;
    };
    switch (behaviour) {
      case "single":
      case "single-no-reset": {
        const previous = before[before.length - 1];
        if (empty && behaviour === "single-no-reset") break;
        if (empty) {
          merged.effect = previous ? { kind: "resets", previous } : { kind: "resets" };
          if (previous) supersede([previous]);
          live.set(group, []);
          break;
        }
        if (previous) {
          merged.effect = { kind: "overrides", previous, same: previous.entry.value === entry.value };
          supersede([previous]);
        }
        live.set(group, [merged]);
        break;
      }
      case "list": {
        if (empty) {
          merged.effect = { kind: "clears", dropped: before };
          supersede(before);
          live.set(group, []);
          break;
        }
        const sameKey = before.filter((b) => b.entry.key === entry.key);
        if (sameKey.length > 0) merged.effect = { kind: "adds", previous: sameKey };
        live.set(group, [...before, merged]);
        break;
      }
      case "dependency": {
        if (empty) {
          merged.effect = { kind: "no-reset", previous: before };
          break;
        }
        if (before.length > 0) merged.effect = { kind: "adds", previous: before };
        live.set(group, [...before, merged]);
        break;
      }
      case "unknown":
        break;
    }
    out.push(merged);
  }
  return out;
}
