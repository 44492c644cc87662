import { pathParts } from "../../core/kinds.js";
import { isUnitType } from "./data.js";
import type { UnitFile } from "./parser.js";
import { dropInNames, templateOf, unitNameForPath } from "./unit-set.js";

/**
 * Which files a unit file's diagnostics depend on, by name, so that the
 * language server re-checks a file when one it depends on changes: a unit
 * depends on its drop-ins (its own, its template's, its prefixes', its
 * type's), a drop-in on its unit and the other drop-ins of that unit, a
 * timer, socket or path unit on the unit it activates, and any file on the
 * units it names.
 */

const unitNamePattern = /^[A-Za-z0-9:_.\\@-]+\.(service|socket|timer|path|mount|automount|swap|target|slice|scope)$/;

/** The name a drop-in directory stands for: `foo.service`, a prefix `foo-.service`, or a whole type `service`. */
function dropInDirName(path: string): string | undefined {
  const parts = pathParts(path);
  const dir = parts[parts.length - 2] ?? "";
  return path.endsWith(".conf") && dir.endsWith(".d") ? dir.slice(0, -2) : undefined;
}

/** The names under which other files may depend on this one. */
export function providedNames(path: string): string[] {
  const own = unitNameForPath(path);
  const dir = dropInDirName(path);
  return [...new Set([own, dir].filter((n): n is string => n !== undefined))];
}

/** The names of the files whose change may change this file's diagnostics. */
export function dependencyNames(unit: UnitFile, path: string): string[] {
  const names = new Set<string>();
  const own = unitNameForPath(path) ?? dropInDirName(path);
  if (own) {
    names.add(own);
    for (const n of isUnitType(own) ? [] : dropInNames(own)) names.add(n);
    const type = own.slice(own.lastIndexOf(".") + 1);
    if (isUnitType(type)) names.add(type);
    const template = templateOf(own);
    if (template) names.add(template);
    // A timer, socket or path unit activates the service of its own name unless it says otherwise.
    if (/\.(timer|socket|path)$/.test(own))
      names.add(own.replace(/\.(timer|socket|path)$/, ".service").replace(/@[^@.]+\.service$/, "@.service"));
  }
  for (const section of unit.sections)
    for (const entry of section.entries)
      for (const word of entry.value.split(/\s+/)) {
        if (!unitNamePattern.test(word)) continue;
        names.add(word);
        const template = templateOf(word);
        if (template) names.add(template);
      }
  return [...names];
}
