import type { LanguageContext } from "../../core/language.js";
import { directiveTable, isUnitType, newestKnownVersion, sectionsForType, type UnitType } from "./data.js";
import type { UnitFile } from "./parser.js";
import type { UnitCheckContext } from "./rule.js";
import { normalizeDir } from "./search-path.js";
import { describeUnitPath, guessTypeFromSections } from "./unit-name.js";
import { type LoadedUnit, loadUnit, UnitFiles, unitNameForPath } from "./unit-set.js";

/** Everything the rules and features need to know about one unit file. */
export function unitContext(unit: UnitFile, ctx: LanguageContext): UnitCheckContext {
  const info = describeUnitPath(ctx.path);
  const type: UnitType | undefined = info.type ?? guessTypeFromSections(unit.sections.map((s) => s.name));
  const configuredVersion = ctx.settings.systemd.version;
  const validSections = new Set(
    type
      ? sectionsForType(type)
      : ["Unit", "Install", "Service", "Socket", "Mount", "Automount", "Swap", "Timer", "Path", "Slice", "Scope"],
  );
  let loaded: LoadedUnit | undefined | null = null;
  const effective = (): LoadedUnit | undefined => {
    if (loaded === null) {
      const name = unitNameForPath(ctx.path);
      loaded = name ? loadUnit(ctx.workspace, name, ctx.path, new UnitFiles(ctx.workspace, { path: ctx.path, file: unit })) : undefined;
    }
    return loaded;
  };
  const self = normalizeDir(ctx.path);
  // Every rule asks for the directive of every entry: two map lookups, no filtering by type per call.
  const directives = directiveTable(type);
  // The LanguageContext fields one by one: V8 builds `{ ...ctx, effective, … }` with this many fields after the
  // spread one property at a time at run time (15–20 µs per object, 3% of a corpus lint). A field added to
  // LanguageContext must be added here.
  return {
    path: ctx.path,
    settings: ctx.settings,
    workspace: ctx.workspace,
    log: ctx.log,
    fileFacts: ctx.fileFacts,
    effective,
    selfLayer: () => effective()?.layers.find((l) => normalizeDir(l.path) === self),
    unit,
    info,
    type,
    configuredVersion,
    targetVersion: configuredVersion ?? newestKnownVersion,
    directiveOf: (entry) => {
      const memo = entry.directiveMemo;
      // A section's name is the same string object while its header line is untouched: usually a pointer compare.
      if (memo && memo.table === directives && memo.section === entry.section.name) return memo.directive;
      const directive = directives.get(entry.section.name)?.get(entry.key);
      entry.directiveMemo = { table: directives, section: entry.section.name, directive };
      return directive;
    },
    isKnownSection: (name) => validSections.has(name) || name.startsWith("X-"),
    entryScope: scopeOf(`${ctx.path}\0${type ?? ""}\0${configuredVersion ?? ""}`),
  };
}

const scopes = new Map<string, object>();

/** The one object that stands for a file path, type and version (entry rules compare it by identity on every assignment). */
function scopeOf(key: string): object {
  let scope = scopes.get(key);
  if (!scope) {
    // A bound on what a long session of renamed files and changed settings may leave here; the memo only misses once.
    if (scopes.size >= 10_000) scopes.clear();
    scope = { key };
    scopes.set(key, scope);
  }
  return scope;
}

export { isUnitType };
