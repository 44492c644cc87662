import raw from "./data/systemd-data.json";

/** Typed access to the generated directive tables (see server/scripts/generate-systemd-data.ts). */

export type DirectiveStatus = "current" | "deprecated" | "legacy-alias" | "moved" | "obsolete" | "removed-ignored";

export interface DirectiveInfo {
  section: string;
  name: string;
  parser: string;
  ltype?: string;
  unitTypes: string[];
  status: DirectiveStatus;
  replacement?: string;
  deprecatedSince?: number;
  inV252: boolean;
  v252Parser?: string;
  manPage?: string;
  manSection?: string;
  url?: string;
  versionAdded?: number;
}

export interface ParserInfo {
  parser: string;
  kind: string;
  allowed: string[];
  allowedV252?: string[];
  emptyResets: boolean;
  specifiers: boolean;
}

export interface ConditionInfo {
  name: string;
  kind: string;
  ltype: string;
  allowed: string[];
  inV252: boolean;
}

export interface SpecifierInfo {
  specifier: string;
  meaning: string;
  inUnitFiles: boolean;
  inUnitNames: boolean;
  inV252: boolean;
  deprecated: boolean;
}

export interface NewerDirective {
  sections: string[];
  name: string;
  parser: string;
  change: string;
}

interface SystemdData {
  source: string;
  newestVersion: number;
  sectionsByType: Record<string, string[]>;
  directives: DirectiveInfo[];
  parsers: ParserInfo[];
  conditions: ConditionInfo[];
  specifiers: SpecifierInfo[];
  time: { category: string; token: string; value: string }[];
  newer: NewerDirective[];
}

interface RawDirective extends Omit<DirectiveInfo, "url"> {
  anchor?: string;
}

const data = raw as unknown as Omit<SystemdData, "directives"> & { directives: RawDirective[] };

const allTypes = ["service", "socket", "target", "device", "mount", "automount", "swap", "timer", "path", "slice", "scope"];
const manBase = "https://www.freedesktop.org/software/systemd/man/latest/";

const directives: DirectiveInfo[] = data.directives.map(({ anchor, ...d }) => ({
  ...d,
  unitTypes: d.unitTypes[0] === "*" ? allTypes : d.unitTypes,
  url: anchor && d.manPage ? `${manBase}${d.manPage}.html#${anchor}` : undefined,
}));

export const dataSource = data.source;
export const newestKnownVersion = data.newestVersion;
/** The version family of Debian 12, whose differences the tables record. */
export const oldestDescribedVersion = 252;

export const unitTypes = [
  "service",
  "socket",
  "target",
  "device",
  "mount",
  "automount",
  "swap",
  "timer",
  "path",
  "slice",
  "scope",
] as const;
export type UnitType = (typeof unitTypes)[number];

export function isUnitType(s: string): s is UnitType {
  return (unitTypes as readonly string[]).includes(s);
}

const bySection = new Map<string, Map<string, DirectiveInfo>>();
for (const d of directives) {
  const m = bySection.get(d.section) ?? new Map<string, DirectiveInfo>();
  bySection.set(d.section, m);
  m.set(d.name, d);
}

const parsers = new Map(data.parsers.map((p) => [p.parser, p]));
const conditions = new Map(data.conditions.map((c) => [c.name, c]));

export function sectionsForType(type: UnitType): string[] {
  return data.sectionsByType[type] ?? ["Unit", "Install"];
}

/** Every section name that some unit type accepts. */
export const allSections: string[] = [...new Set(Object.values(data.sectionsByType).flat())];

const byTypeSection = new Map<UnitType, Map<string, Map<string, DirectiveInfo>>>();

/**
 * The directives a unit type accepts, by section and name: lookupDirective without its type check, for
 * callers that look up every entry of a file (rules do, once per rule).
 */
export function directiveTable(type?: UnitType): ReadonlyMap<string, ReadonlyMap<string, DirectiveInfo>> {
  if (!type) return bySection;
  let table = byTypeSection.get(type);
  if (!table) {
    table = new Map();
    for (const [section, m] of bySection) {
      const forType = new Map([...m].filter(([, d]) => d.unitTypes.includes(type)));
      if (forType.size > 0) table.set(section, forType);
    }
    byTypeSection.set(type, table);
  }
  return table;
}

export function lookupDirective(section: string, name: string, type?: UnitType): DirectiveInfo | undefined {
  const d = bySection.get(section)?.get(name);
  if (!d) return undefined;
  if (type && !d.unitTypes.includes(type)) return undefined;
  return d;
}

export function directivesOfSection(section: string, type?: UnitType): DirectiveInfo[] {
  const all = [...(bySection.get(section)?.values() ?? [])];
  return type ? all.filter((d) => d.unitTypes.includes(type)) : all;
}

/** Sections (for this unit type) where a directive of this name exists. */
export function sectionsHaving(name: string, type?: UnitType): string[] {
  const out: string[] = [];
  for (const [section, m] of bySection) {
    const d = m.get(name);
    if (d && (!type || d.unitTypes.includes(type))) out.push(section);
  }
  return out;
}

export function parserInfo(parser: string): ParserInfo | undefined {
  return parsers.get(parser);
}

export function allParsers(): ParserInfo[] {
  return data.parsers;
}

export function conditionInfo(name: string): ConditionInfo | undefined {
  return conditions.get(name);
}

export const specifiers: SpecifierInfo[] = data.specifiers;

export const newerDirectives: NewerDirective[] = data.newer;

export function timeTable(category: string): { token: string; value: string }[] {
  return data.time.filter((t) => t.category === category);
}
