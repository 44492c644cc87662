import { pathParts } from "../../core/kinds.js";
import { isUnitType, type UnitType } from "./data.js";

/**
 * Unit names and what a file's path says about the unit it configures
 * (src/basic/unit-name.c, man systemd.unit "drop-in" rules).
 */

const UNIT_NAME_MAX = 255;
const validChars = /^[A-Za-z0-9:_.\\@-]+$/;

/** Returns why a unit name is invalid, or undefined when systemd accepts it. */
export function validateUnitName(name: string): string | undefined {
  if (name.length === 0) return "a unit name cannot be empty";
  if (name.length > UNIT_NAME_MAX) return `unit name '${name.slice(0, 40)}…' is longer than ${UNIT_NAME_MAX} characters`;
  const dot = name.lastIndexOf(".");
  if (dot <= 0) return `'${name}' has no unit type suffix such as .service or .target`;
  const suffix = name.slice(dot + 1);
  if (!isUnitType(suffix)) return `'${name}' ends in '.${suffix}', which is not a unit type`;
  const prefix = name.slice(0, dot);
  if (!validChars.test(prefix)) {
    const bad = [...prefix].find((c) => !validChars.test(c));
    return `'${name}' contains '${bad}'; unit names may use only letters, digits and : - _ . \\ @`;
  }
  // The instance (after the first '@') may itself contain '@': systemd accepts foo@bar@baz.service.
  if (prefix.indexOf("@") === 0) return `'${name}' has an empty template prefix before '@'`;
  return undefined;
}

export interface UnitFileInfo {
  /** The file's base name. */
  fileName: string;
  /** The unit this file configures (for a drop-in: the unit of its directory), if the path says. */
  unitName?: string;
  type?: UnitType;
  isDropIn: boolean;
  isTemplate: boolean;
  isInstance: boolean;
  /** For a file in a drop-in directory whose name does not end in .conf (systemd never reads it): that directory's name. */
  strayInDropInDir?: string;
}

// A backslash is part of an escaped unit name (run-vmblock\x2dfuse.mount), not a separator, except in Windows paths.
function baseName(path: string): string {
  const parts = pathParts(path);
  return parts[parts.length - 1] ?? path;
}

function parentName(path: string): string {
  const parts = pathParts(path);
  return parts[parts.length - 2] ?? "";
}

function typeOf(name: string): UnitType | undefined {
  // A bare type name (the drop-in directory service.d/ for every service) has no suffix.
  const dot = name.lastIndexOf(".");
  if (dot <= 0) return undefined;
  const suffix = name.slice(dot + 1);
  return isUnitType(suffix) ? suffix : undefined;
}

/** Reads the unit type and name from a path: `foo.service`, `foo@.service`, `foo.service.d/override.conf`, `service.d/x.conf`. */
export function describeUnitPath(path: string): UnitFileInfo {
  const fileName = baseName(path);
  const parent = parentName(path);
  if (fileName.endsWith(".conf") && parent.endsWith(".d")) {
    const unitName = parent.slice(0, -2);
    const type = typeOf(unitName) ?? (isUnitType(unitName) ? unitName : undefined);
    const at = unitName.indexOf("@");
    return {
      fileName,
      unitName: typeOf(unitName) ? unitName : undefined,
      type,
      isDropIn: true,
      isTemplate: at >= 0 && unitName[at + 1] === ".",
      isInstance: at >= 0 && unitName[at + 1] !== ".",
    };
  }
  const type = typeOf(fileName);
  const at = fileName.indexOf("@");
  const stem = parent.endsWith(".d") ? parent.slice(0, -2) : "";
  const stray = stem !== "" && (typeOf(stem) !== undefined || isUnitType(stem));
  return {
    fileName,
    unitName: type ? fileName : undefined,
    type,
    isDropIn: false,
    isTemplate: at >= 0 && fileName[at + 1] === ".",
    isInstance: at >= 0 && fileName[at + 1] !== ".",
    ...(stray ? { strayInDropInDir: parent } : {}),
  };
}

/** Guesses the unit type from the sections present, for files whose name says nothing (untitled buffers). */
export function guessTypeFromSections(sectionNames: string[]): UnitType | undefined {
  for (const name of sectionNames) {
    const lower = name.toLowerCase();
    if (lower !== "unit" && lower !== "install" && isUnitType(lower)) return lower;
  }
  return undefined;
}
