import { pathDir, pathName } from "../../core/kinds.js";
import type { WorkspaceFile, WorkspaceIndex } from "../../core/language.js";
import { isUnitType } from "./data.js";
import { type Entry, parseUnitFile, type UnitFile } from "./parser.js";
import { isDependencyDir, normalizeDir, placeUnitDir, type UnitDir, unitSetKey } from "./search-path.js";

/**
 * The unit set: the unit files and drop-ins of the workspace placed on
 * systemd's search path, and `loadUnit()`, which gives a unit as systemd's
 * manager assembles it (src/shared/dropin.c, src/core/load-dropin.c,
 * src/basic/unit-file.c):
 *
 * - the fragment is the first file of that name along the search path; a
 *   link to /dev/null or an empty file masks the unit, a link to another
 *   unit's file makes the name an alias of that unit; an instance without
 *   its own file uses its template's;
 * - drop-in directories are collected for the unit's name and aliases, for
 *   each search directory in order: `name.d/`, for an instance its template's
 *   `tmpl@.service.d/`, then the dash prefixes (`foo-bar-.service.d/`,
 *   `foo-.service.d/`); after all of them the type's own `service.d/`;
 * - of several `*.conf` files with one file name the one in the earliest
 *   directory of that list wins (a link to /dev/null hides it), and the
 *   winners are applied sorted by file name, whatever directory they are in.
 */

export interface UnitLayer {
  path: string;
  file: UnitFile;
  role: "fragment" | "drop-in";
}

export interface LoadedUnit {
  /** The name asked for. */
  name: string;
  /** The unit file systemd reads, when the unit set has one. */
  fragment?: UnitLayer;
  /** The file or link that masks the unit. */
  maskedBy?: string;
  /** Other names of the same unit (links in the search path). */
  aliases: string[];
  /** Drop-ins in the order systemd applies them. */
  dropIns: UnitLayer[];
  /** Fragment, then drop-ins: the order in which settings are read. */
  layers: UnitLayer[];
}

/** One assignment of the effective unit, with the file it came from. */
export interface SourcedEntry {
  entry: Entry;
  path: string;
  role: UnitLayer["role"];
}

interface IndexedSet {
  dirs: UnitDir[];
  /** dir → unit name → file (units directly in a search directory). */
  units: Map<string, Map<string, WorkspaceFile>>;
  /** dir → unit name → the names in that dir linking to it (aliases), built on first use. */
  aliases?: Map<string, Map<string, string[]>>;
}

interface Index {
  sets: Map<string, IndexedSet>;
  /** `.d` directory → conf files in it. */
  dropInDirs: Map<string, WorkspaceFile[]>;
  /** The directories holding a `.d` directory: most hold none, and their units need no drop-in lookup. */
  dropInParents: Set<string>;
  /** unit name → files of that name anywhere (for a drop-in whose unit lives elsewhere in the workspace). */
  byName: Map<string, { file: WorkspaceFile; placed: UnitDir }[]>;
  /** unit name → links of that name in `*.wants/`-style directories (an enabled unit the tree does not hold). */
  linkedByName: Map<string, WorkspaceFile[]>;
  /** Where each directory of the workspace sits on the search path, placed once. */
  placed: Map<string, UnitDir>;
  /** Every file's path, normalized: whether the file being checked is among them is asked once per check. */
  paths: Set<string>;
}

const indexes = new WeakMap<readonly WorkspaceFile[], Index>();

const dirOf = pathDir;
const nameOf = pathName;

function isUnitFileName(name: string): boolean {
  const dot = name.lastIndexOf(".");
  return dot > 0 && isUnitType(name.slice(dot + 1));
}

function buildIndex(files: readonly WorkspaceFile[]): Index {
  const index: Index = {
    sets: new Map(),
    dropInDirs: new Map(),
    dropInParents: new Set(),
    byName: new Map(),
    linkedByName: new Map(),
    placed: new Map(),
    paths: new Set(),
  };
  const addDir = (dir: string): UnitDir => {
    const placed = placeUnitDir(dir);
    const key = unitSetKey(placed);
    let set = index.sets.get(key);
    if (!set) {
      set = { dirs: [], units: new Map() };
      index.sets.set(key, set);
    }
    if (!set.dirs.some((d) => d.dir === placed.dir)) {
      set.dirs.push(placed);
      set.dirs.sort((a, b) => a.rank - b.rank || a.dir.localeCompare(b.dir));
    }
    return placed;
  };
  for (const file of files) {
    index.paths.add(normalizeDir(file.path));
    const name = nameOf(file.path);
    const dir = dirOf(file.path);
    const dirName = nameOf(dir);
    if (name.endsWith(".conf") && dirName.endsWith(".d")) {
      const list = index.dropInDirs.get(dir) ?? [];
      list.push(file);
      index.dropInDirs.set(dir, list);
      index.dropInParents.add(dirOf(dir));
      addDir(dirOf(dir));
      continue;
    }
    if (!isUnitFileName(name)) continue;
    if (isDependencyDir(dirName)) {
      const links = index.linkedByName.get(name) ?? [];
      links.push(file);
      index.linkedByName.set(name, links);
      continue;
    }
    const placed = addDir(dir);
    const set = index.sets.get(unitSetKey(placed)) as IndexedSet;
    let units = set.units.get(placed.dir);
    if (!units) {
      units = new Map();
      set.units.set(placed.dir, units);
    }
    units.set(name, file);
    const same = index.byName.get(name);
    if (same) same.push({ file, placed });
    else index.byName.set(name, [{ file, placed }]);
  }
  return index;
}

function indexOf(files: readonly WorkspaceFile[]): Index {
  const known = indexes.get(files);
  if (known) return known;
  const index = buildIndex(files);
  indexes.set(files, index);
  return index;
}

/** `foo@bar.service` → `foo@.service`; undefined for names that are not instances. */
export function templateOf(name: string): string | undefined {
  const at = name.indexOf("@");
  const dot = name.lastIndexOf(".");
  if (at <= 0 || dot < at || at + 1 === dot) return undefined;
  return `${name.slice(0, at + 1)}${name.slice(dot)}`;
}

/**
 * The dash-prefix names systemd also reads drop-ins for, most specific first:
 * `foo-bar-baz.service` → `foo-bar-.service`, `foo-.service`; for an instance
 * `foo-bar@x.service` → `foo-@x.service`. An escaped dash (`\x2d`) is no dash.
 */
function prefixNames(name: string): string[] {
  const dot = name.lastIndexOf(".");
  const at = name.indexOf("@");
  const suffix = name.slice(dot);
  // A template's prefixes are plain names (foo-bar@.service → foo-.service); an instance's keep the instance.
  const instance = at > 0 && at + 1 < dot ? name.slice(at + 1, dot) : undefined;
  let prefix = at > 0 ? name.slice(0, at) : name.slice(0, dot);
  // A name that is itself a prefix (foo-.service) goes on from the dash before its trailing one.
  if (prefix.endsWith("-")) prefix = prefix.slice(0, -1);
  const out: string[] = [];
  for (let dash = prefix.lastIndexOf("-"); dash > 0; dash = prefix.lastIndexOf("-", dash - 1)) {
    const p = prefix.slice(0, dash + 1);
    out.push(instance !== undefined ? `${p}@${instance}${suffix}` : `${p}${suffix}`);
  }
  return out;
}

/** The drop-in directory names for one unit name in one search directory, in systemd's order. */
export function dropInNames(name: string): string[] {
  const out = [name];
  const template = templateOf(name);
  if (template) out.push(...dropInNames(template));
  const prefixes = prefixNames(name);
  // Each prefix brings its own template and shorter prefixes; the first prefix recursion covers them all.
  if (prefixes[0]) out.push(...dropInNames(prefixes[0]));
  return out;
}

/** Reads and parses files, once per text. */
export class UnitFiles {
  private readonly parsed = new Map<string, { text: string; file: UnitFile }>();

  constructor(
    private readonly workspace: WorkspaceIndex,
    /** The file being checked, whose text (perhaps unsaved) wins over the workspace's. */
    private readonly current?: { path: string; file: UnitFile },
  ) {}

  parse(path: string): UnitFile | undefined {
    if (this.current && normalizeDir(this.current.path) === normalizeDir(path)) return this.current.file;
    const text = this.workspace.textOf?.(path);
    if (text === undefined) return undefined;
    const hit = this.parsed.get(path);
    if (hit && hit.text === text) return hit.file;
    const file = parseUnitFile(text);
    this.parsed.set(path, { text, file });
    return file;
  }
}

function isMaskLink(file: WorkspaceFile): boolean {
  return file.link === "/dev/null";
}

function filesOf(workspace: WorkspaceIndex, current?: string): readonly WorkspaceFile[] {
  const files = workspace.systemdFiles?.() ?? [];
  if (!current || indexOf(files).paths.has(normalizeDir(current))) return files;
  // The file being checked is not (yet) in the workspace's list: an unsaved buffer, or a file given by text only.
  return [...files, { path: current }];
}

interface View {
  index: Index;
  fromUnitDir: UnitDir;
  home: IndexedSet | undefined;
}

const views = new WeakMap<readonly WorkspaceFile[], Map<string, View>>();

/**
 * The workspace's index and the unit set of the file at `fromPath`, once per snapshot of the workspace's
 * files and path: a dependency graph loads dozens of units from the same file, each of which placed the
 * file's directory anew (and, for a file not in the list, indexed the whole workspace again).
 */
function viewFrom(workspace: WorkspaceIndex, fromPath: string): View {
  const snapshot = workspace.systemdFiles?.();
  const known = snapshot && views.get(snapshot)?.get(fromPath);
  if (known) return known;
  const index = indexOf(filesOf(workspace, fromPath));
  const fromDir = dirOf(fromPath);
  const fromUnitDir = placeUnitDir(nameOf(fromDir).endsWith(".d") && fromPath.endsWith(".conf") ? dirOf(fromDir) : fromDir);
  const view = { index, fromUnitDir, home: index.sets.get(unitSetKey(fromUnitDir)) };
  if (snapshot) {
    let byPath = views.get(snapshot);
    if (!byPath) {
      byPath = new Map();
      views.set(snapshot, byPath);
    }
    byPath.set(fromPath, view);
  }
  return view;
}

/**
 * The unit `name` as systemd loads it, seen from the file at `fromPath`
 * (its unit set: the same manager under the same root). A unit the unit set
 * does not have is looked for anywhere in the workspace, as a drop-in kept
 * apart from its unit (a repository with units/ and dropins/) expects.
 */
export function loadUnit(workspace: WorkspaceIndex, name: string, fromPath: string, reader = new UnitFiles(workspace)): LoadedUnit {
  const { index, fromUnitDir, home } = viewFrom(workspace, fromPath);
  const loaded: LoadedUnit = { name, aliases: [], dropIns: [], layers: [] };
  let searchDirs: UnitDir[] = home?.dirs ?? [fromUnitDir];

  // The fragment: follow aliases (links to another unit's file) a few steps, as systemd's name map does.
  let target = name;
  let found: WorkspaceFile | undefined;
  for (let hops = 0; hops < 8 && !found; hops++) {
    let hit: WorkspaceFile | undefined;
    for (const d of searchDirs) {
      hit = home?.units.get(d.dir)?.get(target);
      if (hit) break;
    }
    if (!hit) break;
    if (isMaskLink(hit)) {
      loaded.maskedBy = hit.path;
      break;
    }
    const linked = hit.link ? nameOf(hit.link) : undefined;
    if (linked && linked !== target && isUnitFileName(linked)) {
      loaded.aliases.push(target);
      target = linked;
      continue;
    }
    found = hit;
  }
  if (!found && !loaded.maskedBy) {
    const template = templateOf(target);
    const elsewhere = (n: string) => home?.dirs.map((d) => home.units.get(d.dir)?.get(n)).find(Boolean);
    found = template ? elsewhere(template) : undefined;
    // Not in this unit set: the nearest file of that name elsewhere in the workspace, never in another host's tree.
    const other = found
      ? undefined
      : (nearestElsewhere(index, target, fromUnitDir, fromPath) ??
        (template ? nearestElsewhere(index, template, fromUnitDir, fromPath) : undefined));
    if (other) {
      found = other;
      const otherSet = index.sets.get(unitSetKey(placedDir(index, dirOf(other.path))));
      if (otherSet) searchDirs = [...searchDirs, ...otherSet.dirs.filter((d) => !searchDirs.some((s) => s.dir === d.dir))];
    }
  }
  if (!found && !loaded.maskedBy && !workspace.systemdFiles) {
    // A workspace that knows units only by name (older callers): the unit's text stands in for its file.
    const byName = [target, templateOf(target)].find((n) => n !== undefined && workspace.unitText?.(n) !== undefined);
    const text = byName ? workspace.unitText?.(byName) : undefined;
    if (byName && text !== undefined) loaded.fragment = { path: byName, file: parseUnitFile(text), role: "fragment" };
  }
  if (found) {
    const file = reader.parse(found.path);
    if (file) {
      if (file.lines.every((l) => l.trim() === "")) loaded.maskedBy = found.path;
      else loaded.fragment = { path: found.path, file, role: "fragment" };
    }
  }
  if (target !== name && !loaded.aliases.includes(name)) loaded.aliases.push(name);
  // Other links in the unit set that point at this unit are aliases too; their drop-ins apply.
  if (home)
    for (const d of searchDirs)
      for (const other of aliasesIn(home, d.dir).get(target) ?? [])
        if (other !== target && !loaded.aliases.includes(other)) loaded.aliases.push(other);

  loaded.dropIns = collectDropIns(index, searchDirs, [target, ...loaded.aliases.filter((a) => a !== target)], reader);
  loaded.layers = [...(loaded.fragment ? [loaded.fragment] : []), ...loaded.dropIns];
  return loaded;
}

/** The links of a unit set's directory by the unit they name, once per index (a graph loads dozens of units). */
function aliasesIn(set: IndexedSet, dir: string): Map<string, string[]> {
  set.aliases ??= new Map();
  let byTarget = set.aliases.get(dir);
  if (!byTarget) {
    byTarget = new Map();
    for (const [name, file] of set.units.get(dir) ?? []) {
      if (!file.link) continue;
      const target = nameOf(file.link);
      const list = byTarget.get(target);
      if (list) list.push(name);
      else byTarget.set(target, [name]);
    }
    set.aliases.set(dir, byTarget);
  }
  return byTarget;
}

/** A directory placed on the search path, once per index. */
function placedDir(index: Index, dir: string): UnitDir {
  let placed = index.placed.get(dir);
  if (!placed) {
    placed = placeUnitDir(dir);
    index.placed.set(dir, placed);
  }
  return placed;
}

/** A host-like tree (`…/etc/systemd/system`, `…/lib/systemd/system`) has a root above its directories; a flat folder is its own root. */
function inHostTree(d: UnitDir): boolean {
  return d.root !== d.dir;
}

/**
 * Whether a file in `dir` may stand in for a unit a file in `from` names. A fleet repository holds many hosts'
 * trees side by side (hosts/web1/etc/systemd/system, hosts/db1/etc/systemd/system): a host never reads another's
 * units, so a file in a host tree sees only its own tree's units and flat folders; a flat folder (units/ beside
 * dropins/) sees any.
 */
function visibleFrom(index: Index, from: UnitDir, dir: string): boolean {
  return placedVisibleFrom(from, placedDir(index, dir));
}

function placedVisibleFrom(from: UnitDir, placed: UnitDir): boolean {
  return !inHostTree(placed) || !inHostTree(from) || placed.root === from.root;
}

/** The file of that name elsewhere in the workspace nearest to `fromPath`, among those its tree may see. */
function nearestElsewhere(index: Index, name: string, from: UnitDir, fromPath: string): WorkspaceFile | undefined {
  let best: WorkspaceFile | undefined;
  let bestShared = -1;
  for (const { file, placed } of index.byName.get(name) ?? []) {
    if (!placedVisibleFrom(from, placed)) continue;
    const shared = commonPrefix(file.path, fromPath);
    if (shared > bestShared) {
      best = file;
      bestShared = shared;
    }
  }
  return best;
}

/**
 * The file that defines unit `name` as seen from the file at `fromPath`: the first along its unit set's search
 * path, or the nearest elsewhere in the workspace that its tree may see (never another host's; loadUnit() looks
 * the same way). Undefined when the workspace gives no files by path (then only unitText() by name is known).
 */
export function findUnitFile(workspace: WorkspaceIndex, name: string, fromPath: string): WorkspaceFile | undefined {
  if (!workspace.systemdFiles) return undefined;
  const { index, fromUnitDir, home } = viewFrom(workspace, fromPath);
  for (const d of home?.dirs ?? []) {
    const hit = home?.units.get(d.dir)?.get(name);
    if (hit) return hit;
  }
  return nearestElsewhere(index, name, fromUnitDir, fromPath);
}

/** Whether the file at `fromPath` sees a unit of that name: a unit file, or a link of an enabled unit in a `*.wants/` directory. */
export function seesUnitNamed(workspace: WorkspaceIndex, name: string, fromPath: string): boolean {
  if (!workspace.systemdFiles) return workspace.unitNames().includes(name);
  if (findUnitFile(workspace, name, fromPath)) return true;
  const { index, fromUnitDir } = viewFrom(workspace, fromPath);
  return (index.linkedByName.get(name) ?? []).some((link) => visibleFrom(index, fromUnitDir, dirOf(dirOf(link.path))));
}

/** The text of unit `name` as seen from the file at `fromPath` (its unsaved text when open); by name alone where the workspace knows no paths. */
export function unitTextFrom(workspace: WorkspaceIndex, name: string, fromPath: string): string | undefined {
  if (!workspace.systemdFiles) return workspace.unitText?.(name);
  const file = findUnitFile(workspace, name, fromPath);
  return file ? workspace.textOf?.(file.path) : undefined;
}

/** A name inside a directory; the current directory of a relative path is "". */
function inDir(dir: string, name: string): string {
  return dir === "" ? name : `${dir}/${name}`;
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i;
}

function collectDropIns(index: Index, dirs: UnitDir[], names: string[], reader: UnitFiles): UnitLayer[] {
  if (!dirs.some((d) => index.dropInParents.has(d.dir))) return [];
  const order: string[] = [];
  for (const name of names) for (const d of dirs) for (const n of dropInNames(name)) order.push(inDir(d.dir, `${n}.d`));
  const type = names[0]?.slice(names[0].lastIndexOf(".") + 1);
  if (type) for (const d of dirs) order.push(inDir(d.dir, `${type}.d`));
  const winners = new Map<string, WorkspaceFile>();
  for (const dir of order)
    for (const file of index.dropInDirs.get(dir) ?? []) {
      const base = nameOf(file.path);
      if (!winners.has(base)) winners.set(base, file);
    }
  const layers: UnitLayer[] = [];
  for (const base of [...winners.keys()].sort(compareBytes)) {
    const file = winners.get(base) as WorkspaceFile;
    if (isMaskLink(file)) continue;
    const parsed = reader.parse(file.path);
    if (parsed) layers.push({ path: file.path, file: parsed, role: "drop-in" });
  }
  return layers;
}

/** systemd sorts drop-ins by file name with strcmp(): byte order, not the locale's. */
function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const entriesOfUnit = new WeakMap<LoadedUnit, readonly SourcedEntry[]>();

/**
 * Every assignment of the loaded unit in the order systemd reads them, each with its file. Kept with the
 * loaded unit (which does not change once loaded): a dependency graph and the merge ask for the same unit's.
 */
export function sourcedEntries(unit: LoadedUnit): readonly SourcedEntry[] {
  // Most units a graph loads have no file in the workspace (the standard targets): nothing to keep.
  if (unit.layers.length === 0) return noEntries;
  const only = unit.layers.length === 1 ? (unit.layers[0] as UnitLayer) : undefined;
  // A unit of one file (most are) has that file's entries: kept with the parse, for every graph that loads it.
  if (only) {
    const known = entriesOfLayer.get(only.file);
    if (known?.path === only.path && known.role === only.role) return known.entries;
    const entries = entriesOf([only]);
    entriesOfLayer.set(only.file, { path: only.path, role: only.role, entries });
    return entries;
  }
  const known = entriesOfUnit.get(unit);
  if (known) return known;
  const entries = entriesOf(unit.layers);
  entriesOfUnit.set(unit, entries);
  return entries;
}

const noEntries: readonly SourcedEntry[] = [];
const entriesOfLayer = new WeakMap<UnitFile, { path: string; role: UnitLayer["role"]; entries: readonly SourcedEntry[] }>();

function entriesOf(layers: readonly UnitLayer[]): SourcedEntry[] {
  const entries: SourcedEntry[] = [];
  for (const layer of layers)
    for (const s of layer.file.sections) for (const entry of s.entries) entries.push({ entry, path: layer.path, role: layer.role });
  return entries;
}

/** The unit a systemd file configures, for loading: its own name, or the name its drop-in directory stands for. */
export function unitNameForPath(path: string): string | undefined {
  const name = nameOf(path);
  if (isUnitFileName(name)) return name;
  const parent = nameOf(dirOf(path));
  if (name.endsWith(".conf") && parent.endsWith(".d") && isUnitFileName(parent.slice(0, -2))) return parent.slice(0, -2);
  return undefined;
}
