import { pathDir, pathName } from "../../core/kinds.js";
import type { WorkspaceFile, WorkspaceIndex } from "../../core/language.js";
import type { Range } from "../../core/text.js";
import standardUnits from "./data/standard-units.json";
import { isUnitType } from "./data.js";
import { defaultDependenciesOf, targetDefaultDependencies } from "./implicit-dependencies.js";
import type { Entry, UnitFile } from "./parser.js";
import { isDependencyDir, type Manager, normalizeDir, placeUnitDir, unitSetKey } from "./search-path.js";
import { sharedParse } from "./shared-parse.js";
import { entriesOf } from "./unit-query.js";
import { type LoadedUnit, loadUnit, type SourcedEntry, sourcedEntries, templateOf, UnitFiles, unitNameForPath } from "./unit-set.js";
import { splitWords } from "./values/words.js";

/**
 * The dependency graph of a unit set: every unit of the set (and every unit
 * they name) with the edges systemd's manager would hold between them once
 * it has loaded them — the [Unit] dependencies of each unit with its
 * drop-ins, the [Install] section as if the unit were enabled, the links of
 * `.wants/`, `.requires/` and `.upholds/` directories, and the implicit
 * dependencies that are certain (implicit-dependencies.ts). Aliases resolve
 * to the unit they name, instances load from their template with %i and
 * friends expanded. The targets of Debian's systemd package stand in for
 * themselves (data/standard-units.json) when the workspace lacks their files.
 */

/**
 * Kinds of edge, each read from `from` to `to`: `after` means `from` starts
 * after `to` (Before=B in A is the edge B after A); `triggers` is a timer,
 * socket or path unit activating its unit; `also` is [Install] Also=.
 */
export type DependencyKind =
  | "requires"
  | "requisite"
  | "wants"
  | "binds-to"
  | "part-of"
  | "upholds"
  | "conflicts"
  | "after"
  | "triggers"
  | "also";

/** Where an edge comes from: a line of a file, a link of a `.wants/` directory, or systemd itself. */
export type EdgeOrigin = "unit" | "install" | "link" | "implicit" | "standard";

export interface EdgeSource {
  path: string;
  /** The unit name's word in the assignment (or the whole link, for a `.wants/` link). */
  range?: Range;
  /** The directive as written: After, Before, WantedBy, ... or "link" for a `.wants/` entry. */
  directive: string;
}

export interface DependencyEdge {
  from: string;
  to: string;
  kind: DependencyKind;
  origin: EdgeOrigin;
  source?: EdgeSource;
  /** For implicit edges: why systemd adds it. */
  reason?: string;
}

export interface UnitNode {
  name: string;
  /** Where the unit is known from: the workspace's files, the standard targets, or only by name. */
  known: "workspace" | "standard" | "name";
  /** The unit's file, when the workspace has one. */
  path?: string;
  aliases: string[];
  masked: boolean;
  /** DefaultDependencies= as systemd ends up with it. */
  defaultDependencies: boolean;
}

export interface DependencyGraph {
  manager: Manager;
  nodes: Map<string, UnitNode>;
  edges: DependencyEdge[];
  /** The unit a name stands for (an alias resolves to its unit). */
  resolve(name: string): string;
  outgoing(name: string): DependencyEdge[];
  incoming(name: string): DependencyEdge[];
}

interface StandardUnit {
  aliasOf?: string[];
  defaultDependencies?: boolean;
  Requires?: string[];
  Requisite?: string[];
  Wants?: string[];
  BindsTo?: string[];
  PartOf?: string[];
  Upholds?: string[];
  Conflicts?: string[];
  Before?: string[];
  After?: string[];
}

const standard = standardUnits.units as Record<string, StandardUnit>;

/** [Unit] directives that name other units, and the edge each makes from this unit. */
const unitDirectives: Record<string, { kind: DependencyKind; reverse?: boolean }> = {
  Requires: { kind: "requires" },
  Requisite: { kind: "requisite" },
  Wants: { kind: "wants" },
  BindsTo: { kind: "binds-to" },
  PartOf: { kind: "part-of" },
  Upholds: { kind: "upholds" },
  Conflicts: { kind: "conflicts" },
  After: { kind: "after" },
  Before: { kind: "after", reverse: true },
};

const unitDirectiveList = Object.entries(unitDirectives);

/** [Install] directives: the named unit gets the edge towards this one (when this unit is enabled). */
const installDirectives: Record<string, DependencyKind> = {
  WantedBy: "wants",
  RequiredBy: "requires",
  UpheldBy: "upholds",
};

const linkDirs: Record<string, DependencyKind> = { wants: "wants", requires: "requires", upholds: "upholds" };

const MAX_NODES = 5000;

const nameOf = pathName;
const dirOf = pathDir;

export function isUnitName(name: string): boolean {
  const dot = name.lastIndexOf(".");
  return dot > 0 && isUnitType(name.slice(dot + 1)) && /^[A-Za-z0-9:_.\\@-]+$/.test(name);
}

const typeOf = (name: string) => name.slice(name.lastIndexOf(".") + 1);
const stemOf = (name: string) => name.slice(0, name.lastIndexOf("."));

/**
 * Expands the specifiers that make up unit names (%n %N %p %P %i %I %j %%) as
 * for unit `self`; undefined when another specifier is left, whose value
 * depends on the host.
 */
export function expandNameSpecifiers(word: string, self: string): string | undefined {
  if (!word.includes("%")) return word;
  const stem = stemOf(self);
  const at = stem.indexOf("@");
  const prefix = at >= 0 ? stem.slice(0, at) : stem;
  const instance = at >= 0 ? stem.slice(at + 1) : "";
  let unknown = false;
  const out = word.replace(/%(.)/g, (_, s: string) => {
    switch (s) {
      case "n":
        return self;
      case "N":
        return stem;
      case "p":
      case "P":
        return prefix;
      case "i":
      case "I":
        return instance;
      case "j":
      case "J":
        return prefix.slice(prefix.lastIndexOf("-") + 1);
      case "%":
        return "%";
      default:
        unknown = true;
        return "";
    }
  });
  return unknown ? undefined : out;
}

/** Reads files once per text across graph builds, and remembers what a build read so a later one can tell whether it is still valid. */
class RecordingFiles extends UnitFiles {
  readonly seen = new Map<string, UnitFile | undefined>();
  constructor(
    private readonly files: WorkspaceIndex,
    private readonly open?: { path: string; file: UnitFile },
  ) {
    super(files, open);
  }
  override parse(path: string): UnitFile | undefined {
    const file = this.open && normalizeDir(this.open.path) === normalizeDir(path) ? this.open.file : sharedParse(this.files, path);
    this.seen.set(path, file);
    return file;
  }
}

interface CachedGraph {
  graph: DependencyGraph;
  seen: Map<string, UnitFile | undefined>;
  current?: string;
  /** What the graph read of the file being checked (graphInputsOf()). */
  currentInputs?: readonly unknown[];
}

/**
 * The assignments of a unit file a graph reads: buildGraph() looks at no other key (dependencies, [Install],
 * Sockets=, the unit a timer, path or socket starts, Accept=, DefaultDependencies=, OnCalendar=).
 */
const graphInputKeys: Record<string, readonly string[]> = {
  Unit: [...Object.keys(unitDirectives), "DefaultDependencies"],
  Install: [...Object.keys(installDirectives), "Also", "Alias"],
  Service: ["Sockets"],
  Timer: ["Unit", "OnCalendar"],
  Path: ["Unit"],
  Socket: ["Service", "Accept"],
};

/**
 * What a graph reads of a file: whether it is blank (a blank file masks its unit) and its graph inputs, in a
 * fixed order. The incremental re-parse keeps untouched assignments as the same objects, so an edit elsewhere
 * in the file (an Environment= line) leaves this list element for element the same, and the graph stands.
 */
function graphInputsOf(file: UnitFile): readonly unknown[] {
  const out: unknown[] = [file.lines.every((l) => l.trim() === "")];
  for (const [section, keys] of Object.entries(graphInputKeys)) for (const key of keys) out.push(...entriesOf(file, section, key));
  return out;
}

function sameInputs(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

const cache = new WeakMap<readonly WorkspaceFile[], Map<string, CachedGraph>>();

/**
 * The dependency graph of the unit set the file at `fromPath` belongs to.
 * `current` is the file being checked with its (perhaps unsaved) text. Built
 * once per state of the files it read.
 */
export function dependencyGraph(workspace: WorkspaceIndex, fromPath: string, current?: { path: string; file: UnitFile }): DependencyGraph {
  const files = workspace.systemdFiles?.();
  const fromDir = dirOf(fromPath);
  const homeDir = nameOf(fromDir).endsWith(".d") && fromPath.endsWith(".conf") ? dirOf(fromDir) : fromDir;
  const key = unitSetKey(placeUnitDir(homeDir));
  if (files) {
    const hit = cache.get(files)?.get(key);
    if (hit && stillValid(hit, workspace, current)) return hit.graph;
  }
  const reader = new RecordingFiles(workspace, current);
  const graph = buildGraph(workspace, fromPath, homeDir, files ?? [], reader);
  if (files) {
    let perSet = cache.get(files);
    if (!perSet) {
      perSet = new Map();
      cache.set(files, perSet);
    }
    perSet.set(key, {
      graph,
      seen: reader.seen,
      current: current?.path,
      ...(current ? { currentInputs: graphInputsOf(current.file) } : {}),
    });
  }
  return graph;
}

function stillValid(hit: CachedGraph, workspace: WorkspaceIndex, current?: { path: string; file: UnitFile }): boolean {
  if (current && !hit.seen.has(current.path) && hit.current !== current.path) {
    // The graph never read this file: valid only if the file is not part of the set (it would have been read).
    return false;
  }
  for (const [path, file] of hit.seen) {
    const isCurrent = current !== undefined && normalizeDir(current.path) === normalizeDir(path);
    const now = isCurrent ? current.file : sharedParse(workspace, path);
    if (now === file) continue;
    if (isCurrent && hit.currentInputs && hit.current === current.path && sameInputs(hit.currentInputs, graphInputsOf(current.file))) {
      // An edit the graph does not read: it stands, and the next check compares with this version.
      hit.seen.set(path, now);
      continue;
    }
    if (!sameText(now, file)) return false;
  }
  return true;
}

/**
 * Whether two parses are of the same text. The file being checked comes parsed anew for each check (the CLI
 * parses every file it lints, the server every version): the same text as the graph read must not rebuild it.
 */
function sameText(a: UnitFile | undefined, b: UnitFile | undefined): boolean {
  if (!a || !b || a.lines.length !== b.lines.length || a.crlfLines.length !== b.crlfLines.length) return false;
  return a.lines.every((line, i) => line === b.lines[i]) && a.crlfLines.every((n, i) => n === b.crlfLines[i]);
}

/** A unit file of a unit set, or a link in one of its `.wants/`-style directories (`linkDir`: that directory's name). */
interface SetMember {
  file: WorkspaceFile;
  name: string;
  linkDir?: string;
}

const membersBySnapshot = new WeakMap<readonly WorkspaceFile[], Map<string, SetMember[]>>();

/**
 * The workspace's unit files and dependency links grouped by unit set, in the workspace's order, once per
 * snapshot of its files: a graph reads only its own set's, where each build used to place every file of the
 * workspace (quadratic over a tree of many unit sets: the Debian corpus, a fleet repository).
 */
function setMembers(files: readonly WorkspaceFile[]): Map<string, SetMember[]> {
  const known = membersBySnapshot.get(files);
  if (known) return known;
  const bySet = new Map<string, SetMember[]>();
  const keyOfDir = new Map<string, string>();
  const keyOf = (dir: string): string => {
    let key = keyOfDir.get(dir);
    if (key === undefined) {
      key = unitSetKey(placeUnitDir(dir));
      keyOfDir.set(dir, key);
    }
    return key;
  };
  const add = (key: string, member: SetMember) => {
    const list = bySet.get(key);
    if (list) list.push(member);
    else bySet.set(key, [member]);
  };
  for (const file of files) {
    const dir = dirOf(file.path);
    const dirName = nameOf(dir);
    const name = nameOf(file.path);
    if (!isUnitName(name)) continue;
    if (isDependencyDir(dirName)) add(keyOf(dirOf(dir)), { file, name, linkDir: dirName });
    else if (!dirName.endsWith(".d")) add(keyOf(dir), { file, name });
  }
  membersBySnapshot.set(files, bySet);
  return bySet;
}

function buildGraph(
  workspace: WorkspaceIndex,
  fromPath: string,
  homeDir: string,
  files: readonly WorkspaceFile[],
  reader: UnitFiles,
): DependencyGraph {
  const home = placeUnitDir(homeDir);
  const key = unitSetKey(home);
  const manager = home.manager;
  const nodes = new Map<string, UnitNode>();
  const edges: DependencyEdge[] = [];
  const canonical = new Map<string, string>();
  const loaded = new Map<string, LoadedUnit>();
  const queue: string[] = [];
  const linkEdges: DependencyEdge[] = [];

  // The unit asked about, the units of the set, and the links of its .wants/ directories.
  const own = unitNameForPath(fromPath);
  if (own) queue.push(own);
  for (const { file, name, linkDir } of setMembers(files).get(key) ?? []) {
    if (linkDir !== undefined) {
      const suffix = linkDir.slice(linkDir.lastIndexOf(".") + 1);
      const owner = linkDir.slice(0, linkDir.lastIndexOf("."));
      const kind = linkDirs[suffix];
      if (!kind || !isUnitName(owner)) continue;
      linkEdges.push({ from: owner, to: name, kind, origin: "link", source: { path: file.path, directive: `${suffix} link` } });
      queue.push(owner, name);
    } else queue.push(name);
  }

  const load = (name: string): LoadedUnit => {
    let unit = loaded.get(name);
    if (!unit) {
      unit = loadUnit(workspace, name, fromPath, reader);
      loaded.set(name, unit);
    }
    return unit;
  };

  const resolve = (name: string): string => {
    const known = canonical.get(name);
    if (known) return known;
    let target = name;
    const std = standard[name];
    const unit = load(name);
    if (unit.fragment || unit.maskedBy || unit.dropIns.length > 0) {
      const fragmentName = unit.fragment ? nameOf(unit.fragment.path) : undefined;
      // An alias resolves to the unit whose file it links to; an instance keeps its own name over its template's file.
      if (fragmentName && fragmentName !== name && unit.aliases.includes(name) && templateOf(name) !== fragmentName) target = fragmentName;
    } else if (manager === "system" && std?.aliasOf?.[0]) {
      target = std.aliasOf[0];
    }
    canonical.set(name, target);
    return target;
  };

  const addEdge = (edge: DependencyEdge) => edges.push(edge);

  const visit = (asked: string) => {
    const name = resolve(asked);
    if (nodes.has(name) || nodes.size >= MAX_NODES) return;
    const unit = load(name);
    const std = manager === "system" ? standard[name] : undefined;
    const inWorkspace = unit.layers.length > 0 || unit.maskedBy !== undefined;
    const entries = sourcedEntries(unit);
    const aliases = unit.aliases.filter((a) => a !== name);
    const node: UnitNode =
      !inWorkspace && std && aliases.length === 0
        ? standardLinks(name).node
        : {
            name,
            known: inWorkspace ? "workspace" : std ? "standard" : "name",
            path: unit.fragment?.path ?? unit.maskedBy,
            aliases,
            masked: unit.maskedBy !== undefined,
            defaultDependencies: inWorkspace ? defaultDependenciesSetting(entries) : (std?.defaultDependencies ?? true),
          };
    nodes.set(name, node);
    if (node.masked) return;
    const named: string[] = [];
    const add = (edge: DependencyEdge) => {
      addEdge(edge);
      named.push(edge.from === name ? edge.to : edge.from);
    };
    if (inWorkspace) {
      for (const { entry, path } of entries) {
        const section = entry.section.name;
        if (section === "Unit" && unitDirectives[entry.key]) {
          const { kind, reverse } = unitDirectives[entry.key] as { kind: DependencyKind; reverse?: boolean };
          for (const w of namesIn(entry, name)) {
            const other = resolve(w.name);
            const source = { path, range: w.range, directive: entry.key };
            add(
              reverse ? { from: other, to: name, kind, origin: "unit", source } : { from: name, to: other, kind, origin: "unit", source },
            );
          }
        } else if (section === "Install" && installDirectives[entry.key]) {
          const kind = installDirectives[entry.key] as DependencyKind;
          for (const w of namesIn(entry, name))
            add({ from: resolve(w.name), to: name, kind, origin: "install", source: { path, range: w.range, directive: entry.key } });
        } else if (section === "Install" && entry.key === "Also") {
          for (const w of namesIn(entry, name))
            add({
              from: name,
              to: resolve(w.name),
              kind: "also",
              origin: "install",
              source: { path, range: w.range, directive: entry.key },
            });
        } else if (section === "Install" && entry.key === "Alias") {
          for (const w of namesIn(entry, name)) if (!canonical.has(w.name) && !load(w.name).fragment) canonical.set(w.name, name);
        } else if (section === "Service" && entry.key === "Sockets") {
          for (const w of namesIn(entry, name)) {
            const socket = resolve(w.name);
            const source = { path, range: w.range, directive: entry.key };
            add({ from: name, to: socket, kind: "wants", origin: "implicit", source, reason: "Sockets= wants the socket" });
            add({ from: name, to: socket, kind: "after", origin: "implicit", source, reason: "Sockets= orders after the socket" });
          }
        }
      }
      const activated = activatedBy(name, entries);
      if (activated) {
        const other = resolve(activated.name);
        const source = activated.entry
          ? { path: activated.path ?? "", range: activated.entry.valueRange, directive: activated.entry.key }
          : undefined;
        const reason = `a ${typeOf(name)} unit activates ${other} and is ordered before it`;
        add({ from: name, to: other, kind: "triggers", origin: "implicit", source, reason });
        add({ from: other, to: name, kind: "after", origin: "implicit", source, reason });
      }
      if (node.defaultDependencies) {
        const hasCalendar = entries.some((e) => e.entry.section.name === "Timer" && e.entry.key === "OnCalendar" && e.entry.value !== "");
        const implicit =
          typeOf(name) === "target" ? targetDefaultDependencies(name) : defaultDependenciesOf(typeOf(name), manager, hasCalendar);
        for (const dep of implicit) {
          const other = resolve(dep.unit);
          const edge: DependencyEdge =
            dep.kind === "before"
              ? { from: other, to: name, kind: "after", origin: "implicit", reason: dep.reason }
              : { from: name, to: other, kind: dep.kind, origin: "implicit", reason: dep.reason };
          add(edge);
        }
      }
    } else if (std) {
      const links = standardLinks(name);
      for (let i = 0; i < links.named.length; i++) {
        const o = resolve(links.named[i] as string);
        addEdge(o === links.resolved[i] ? (links.edges[i] as DependencyEdge) : (links.make[i] as (o: string) => DependencyEdge)(o));
        named.push(o);
      }
    }
    queue.push(...named);
  };

  for (const e of linkEdges) {
    const edge = { ...e, from: resolve(e.from), to: resolve(e.to) };
    edges.push(edge);
  }
  // An index, not shift(): the queue of a large unit set holds thousands of names, and shift() moves them all.
  for (let next = 0; next < queue.length; next++) visit(queue[next] as string);
  addTargetOrdering(nodes, edges);
  return indexGraph(manager, nodes, edges, resolve);
}

/**
 * A standard target's node and edges as every graph that does not hold its file has them, made once: each unit
 * set's graph reaches the same few standard targets (the Debian corpus has 1,219 sets), and they were made anew
 * in each. `named[i]` is the name edge i was read from, `resolved[i]` what it stands for without the workspace
 * (the standard alias); a graph where the workspace makes it stand for another unit makes that edge anew.
 */
interface StandardLinks {
  node: UnitNode;
  named: string[];
  resolved: string[];
  edges: DependencyEdge[];
  /** The edge towards another unit than `resolved[i]`. */
  make: ((other: string) => DependencyEdge)[];
}

const standardLinksOf = new Map<string, StandardLinks>();

function standardLinks(name: string): StandardLinks {
  const known = standardLinksOf.get(name);
  if (known) return known;
  const std = standard[name] as StandardUnit;
  const defaultDependencies = std.defaultDependencies ?? true;
  const links: StandardLinks = {
    node: { name, known: "standard", path: undefined, aliases: [], masked: false, defaultDependencies },
    named: [],
    resolved: [],
    edges: [],
    make: [],
  };
  const add = (other: string, make: (o: string) => DependencyEdge) => {
    const o = standard[other]?.aliasOf?.[0] ?? other;
    links.named.push(other);
    links.resolved.push(o);
    links.edges.push(make(o));
    links.make.push(make);
  };
  for (const [directive, spec] of unitDirectiveList)
    for (const other of (std[directive as keyof StandardUnit] as string[] | undefined) ?? [])
      add(other, (o) =>
        spec.reverse
          ? { from: o, to: name, kind: spec.kind, origin: "standard" }
          : { from: name, to: o, kind: spec.kind, origin: "standard" },
      );
  if (defaultDependencies && typeOf(name) === "target")
    for (const dep of targetDefaultDependencies(name))
      add(dep.unit, (o) =>
        dep.kind === "before"
          ? { from: o, to: name, kind: "after", origin: "implicit", reason: dep.reason }
          : { from: name, to: o, kind: dep.kind, origin: "implicit", reason: dep.reason },
      );
  standardLinksOf.set(name, links);
  return links;
}

/** The last DefaultDependencies= of the unit with its drop-ins (an empty assignment resets it to yes). */
function defaultDependenciesSetting(entries: readonly SourcedEntry[]): boolean {
  let value = true;
  for (const { entry } of entries)
    if (entry.section.name === "Unit" && entry.key === "DefaultDependencies")
      value = entry.value === "" || !/^(0|no|false|off|n|f)$/i.test(entry.value.trim());
  return value;
}

/** The unit a timer, path or socket unit activates: Unit= (Service= for a socket), or the service of its own name. */
function activatedBy(name: string, entries: readonly SourcedEntry[]): { name: string; entry?: Entry; path?: string } | undefined {
  const type = typeOf(name);
  if (type !== "timer" && type !== "path" && type !== "socket") return undefined;
  const section = type === "timer" ? "Timer" : type === "path" ? "Path" : "Socket";
  const key = type === "socket" ? "Service" : "Unit";
  let explicit: SourcedEntry | undefined;
  let accept = false;
  for (const e of entries) {
    if (e.entry.section.name !== section) continue;
    if (e.entry.key === key) explicit = e.entry.value === "" ? undefined : e;
    if (type === "socket" && e.entry.key === "Accept") accept = /^(1|yes|true|on|y|t)$/i.test(e.entry.value.trim());
  }
  // A socket with Accept=yes starts an instance per connection: no unit is known when it loads.
  if (accept) return undefined;
  if (explicit) {
    const expanded = expandNameSpecifiers(explicit.entry.value.trim(), name);
    return expanded && isUnitName(expanded) ? { name: expanded, entry: explicit.entry, path: explicit.path } : undefined;
  }
  // A template timer (foo@.timer) activates no unit of its own; its instances do.
  if (/@\./.test(name)) return undefined;
  return { name: `${stemOf(name)}.service` };
}

const namesOfEntry = new WeakMap<Entry, { self: string; names: readonly { name: string; range: Range }[] }>();

/**
 * The unit names of a dependency assignment, specifiers expanded, with the range of each word. Kept with the
 * parsed entry (which never changes): every graph that loads the unit (each unit set loads the standard targets
 * from the workspace's systemd package) asks for the same entries' names.
 */
function namesIn(entry: Entry, self: string): readonly { name: string; range: Range }[] {
  const known = namesOfEntry.get(entry);
  if (known?.self === self) return known.names;
  const names = wordsOf(entry, self);
  namesOfEntry.set(entry, { self, names });
  return names;
}

function wordsOf(entry: Entry, self: string): { name: string; range: Range }[] {
  if (entry.value === "") return [];
  const split = splitWords(entry.value);
  if (!split.ok) return [];
  const out: { name: string; range: Range }[] = [];
  for (const w of split.words) {
    const name = expandNameSpecifiers(w.text, self);
    if (!name || !isUnitName(name)) continue;
    // A template (foo@.service) cannot be started by name.
    if (/@\.[a-z]+$/.test(name)) continue;
    out.push({ name, range: { start: entry.positionAt(w.start), end: entry.positionAt(w.end) } });
  }
  return out;
}

/**
 * A target with default dependencies is ordered after each unit it requires,
 * wants or binds to, when that unit also has default dependencies and the
 * target is not already ordered before it (unit_add_default_target_dependency()).
 */
function addTargetOrdering(nodes: Map<string, UnitNode>, edges: DependencyEdge[]): void {
  // An edge with a line to point at (WantedBy=) is preferred over the same edge from a .wants/ link.
  const ranged: DependencyEdge[] = [];
  const unranged: DependencyEdge[] = [];
  for (const e of edges) {
    if (!(e.kind === "requires" || e.kind === "wants" || e.kind === "binds-to" || e.kind === "requisite")) continue;
    if (typeOf(e.from) !== "target") continue;
    const target = nodes.get(e.from);
    const unit = nodes.get(e.to);
    if (!target || !unit || target.known === "name" || unit.known === "name" || target.masked || unit.masked) continue;
    if (!target.defaultDependencies || !unit.defaultDependencies) continue;
    (e.source?.range !== undefined ? ranged : unranged).push(e);
  }
  if (ranged.length === 0 && unranged.length === 0) return;
  // "target before unit" is an edge `unit after target`: the units ordered after each target that pulls some in.
  const after = new Map<string, Set<string>>();
  for (const e of [...ranged, ...unranged]) after.set(e.from, new Set());
  for (const e of edges) if (e.kind === "after") after.get(e.to)?.add(e.from);
  const added = new Map<string, Set<string>>();
  for (const e of [...ranged, ...unranged]) {
    if (after.get(e.from)?.has(e.to)) continue;
    let done = added.get(e.from);
    if (!done) {
      done = new Set();
      added.set(e.from, done);
    }
    if (done.has(e.to)) continue;
    done.add(e.to);
    edges.push({
      from: e.from,
      to: e.to,
      kind: "after",
      origin: "implicit",
      source: e.source,
      reason: `a target is ordered after the units it pulls in (${e.source?.directive ?? e.kind})`,
    });
  }
}

function indexGraph(
  manager: Manager,
  nodes: Map<string, UnitNode>,
  edges: DependencyEdge[],
  resolve: (n: string) => string,
): DependencyGraph {
  const out = new Map<string, DependencyEdge[]>();
  const into = new Map<string, DependencyEdge[]>();
  const push = (map: Map<string, DependencyEdge[]>, key: string, e: DependencyEdge) => {
    const list = map.get(key);
    if (list) list.push(e);
    else map.set(key, [e]);
  };
  for (const e of edges) {
    push(out, e.from, e);
    push(into, e.to, e);
  }
  return {
    manager,
    nodes,
    edges,
    resolve: (name) => (nodes.has(name) ? name : resolve(name)),
    outgoing: (name) => out.get(name) ?? [],
    incoming: (name) => into.get(name) ?? [],
  };
}
