import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from "yaml";
import type { LanguageContext } from "../../core/language.js";
import type { Range } from "../../core/text.js";
import { deviceTypes } from "./data.js";
import { type NetplanFile, parseNetplan } from "./parser.js";

/**
 * What netplan reads together: every YAML file of /lib/netplan, /etc/netplan
 * and /run/netplan, a name in /run hiding the same name in /etc and /lib,
 * parsed in the lexical order of the file names. Each definition (`eth0`
 * under `ethernets:`) may be written in several files; later ones add to and
 * override earlier ones.
 */
export interface SourceFile {
  path: string;
  /** The file name that decides the order. */
  name: string;
  file: NetplanFile;
  /** The document being checked. */
  current: boolean;
}

export interface Definition {
  id: string;
  /** The device type key: `ethernets`, `bonds`, ... */
  type: string;
  source: SourceFile;
  /** Position of the file in netplan's reading order. */
  order: number;
  keyRange: Range;
  /** The definition's mapping (absent for `eth0: ~` or a scalar). */
  map?: YAMLMap;
}

export interface NetplanConfig {
  sources: SourceFile[];
  definitions: Definition[];
  /** Every occurrence of an ID, in reading order. */
  byId: Map<string, Definition[]>;
}

/** netplan reads `*.yaml` only (its glob skips `.yml` and hidden files): the other files are not part of the configuration. */
const yamlName = /^[^.].*\.yaml$/;
const maxFiles = 200;
const maxSize = 1024 * 1024;

/** The folders netplan merges with the one holding `path` (…/etc/netplan → …/lib, …/run/netplan); just the folder otherwise. */
function foldersFor(path: string): string[] {
  const dir = dirname(path);
  const m = /^(.*)\/(lib|etc|run)\/netplan$/.exec(dir);
  if (!m) return [dir];
  return ["lib", "etc", "run"].map((d) => `${m[1]}/${d}/netplan`);
}

/** The YAML files of the folders on disk (bounded); `[]` when the path is not on disk. */
export function folderFromDisk(path: string): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  // A document that is not a file on disk (unsaved, a test's text) has no folder to be read with.
  try {
    if (!statSync(path).isFile()) return out;
  } catch {
    return out;
  }
  for (const dir of foldersFor(path)) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names.filter((n) => yamlName.test(n)).slice(0, maxFiles)) {
      const full = join(dir, name);
      if (full === path) continue;
      try {
        const info = statSync(full);
        if (info.isFile() && info.size <= maxSize) out.push({ path: full, text: readFileSync(full, "utf8") });
      } catch {
        // unreadable: netplan would fail on it too, but that is that file's own problem
      }
    }
  }
  return out;
}

/** Which of the same-named files wins: /run over /etc over /lib. */
function rank(path: string): number {
  const m = /\/(lib|etc|run)\/netplan\/[^/]+$/.exec(path);
  return m ? ["lib", "etc", "run"].indexOf(m[1] as string) : 1;
}

export const scalarText = (n: unknown): string | undefined =>
  isScalar(n as Node) ? String((n as { value: unknown }).value ?? "") : undefined;

/** The last pair of a key in a mapping (netplan reads every pair in order, so a repeated key's last value wins). */
export function pairOf(map: unknown, key: string): Pair | undefined {
  if (!isMap(map as Node)) return undefined;
  let found: Pair | undefined;
  for (const p of (map as YAMLMap).items) if (scalarText(p.key) === key) found = p as Pair;
  return found;
}

export const valueAt = (map: unknown, key: string): Node | undefined => (pairOf(map, key)?.value as Node | null) ?? undefined;

/** The scalar items of a sequence value. */
export function seqScalars(node: unknown): { text: string; node: Node }[] {
  if (!isSeq(node as Node)) return [];
  const out: { text: string; node: Node }[] = [];
  for (const item of (node as { items: unknown[] }).items) {
    const t = scalarText(item);
    if (t !== undefined) out.push({ text: t, node: item as Node });
  }
  return out;
}

export function nodeRange(file: NetplanFile, node: Node | null | undefined, fallback: Range): Range {
  if (!node?.range) return fallback;
  let end = node.range[1];
  while (end > node.range[0] && /\s/.test(file.text[end - 1] ?? "")) end--;
  return file.rangeOf(node.range[0], end);
}

export function keyRangeOf(file: NetplanFile, pair: Pair): Range {
  const k = pair.key as Node | null;
  return k?.range ? file.rangeOf(k.range[0], k.range[1]) : file.rangeOf(0, 0);
}

function definitionsOf(source: SourceFile, order: number): Definition[] {
  const root = source.file.doc?.contents as Node | null | undefined;
  const network = valueAt(root, "network");
  if (!network || !isMap(network)) return [];
  const types = new Set(deviceTypes());
  const out: Definition[] = [];
  for (const typePair of network.items) {
    const type = scalarText(typePair.key);
    if (!type || !types.has(type) || !isMap(typePair.value as Node)) continue;
    for (const p of (typePair.value as YAMLMap).items) {
      const id = scalarText(p.key);
      if (id === undefined || id === "renderer") continue;
      const v = p.value as Node | null;
      out.push({ id, type, source, order, keyRange: keyRangeOf(source.file, p as Pair), map: isMap(v) ? v : undefined });
    }
  }
  return out;
}

/** The merged view of the folder for the document at ctx.path. */
export function buildConfig(file: NetplanFile, ctx: LanguageContext): NetplanConfig {
  const others = ctx.workspace.netplanFolder ? ctx.workspace.netplanFolder(ctx.path) : folderFromDisk(ctx.path);
  const byName = new Map<string, SourceFile>();
  const all: SourceFile[] = [
    ...others
      .filter((o) => o.path !== ctx.path)
      .map((o) => ({ path: o.path, name: basename(o.path), file: parseNetplan(o.text), current: false })),
    { path: ctx.path, name: basename(ctx.path), file, current: true },
  ];
  for (const s of all) {
    const prev = byName.get(s.name);
    if (!prev || rank(s.path) >= rank(prev.path) || s.current) byName.set(s.name, s);
  }
  const sources = [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const definitions = sources.flatMap((s, i) => definitionsOf(s, i));
  const byId = new Map<string, Definition[]>();
  for (const d of definitions) byId.set(d.id, [...(byId.get(d.id) ?? []), d]);
  return { sources, definitions, byId };
}

/** The value of a key for a definition as netplan ends up with it: the last file that sets it wins. */
export function lastValue(config: NetplanConfig, id: string, key: string): { def: Definition; node: Node } | undefined {
  let found: { def: Definition; node: Node } | undefined;
  for (const d of config.byId.get(id) ?? []) {
    const n = valueAt(d.map, key);
    if (n) found = { def: d, node: n };
  }
  return found;
}

/**
 * The renderer netplan picks for a definition: openvswitch when it has Open vSwitch settings, its own renderer:, else
 * its device type's in the same file, else the last top-level renderer: read so far, else networkd.
 */
export function rendererOf(config: NetplanConfig, def: Definition): string {
  let own: string | undefined;
  for (const d of config.byId.get(def.id) ?? []) {
    own = scalarText(valueAt(d.map, "renderer")) ?? own;
    // Open vSwitch settings hand the definition to the OVS backend, which neither networkd's nor NM's checks see.
    if (pairOf(d.map, "openvswitch")) return "openvswitch";
  }
  if (own) return own;
  const network = (s: SourceFile) => valueAt(s.file.doc?.contents, "network");
  const byType = scalarText(valueAt(valueAt(network(def.source), def.type), "renderer"));
  if (byType) return byType;
  let global: string | undefined;
  for (const s of config.sources.slice(0, def.order + 1)) global = scalarText(valueAt(network(s), "renderer")) ?? global;
  return global ?? "networkd";
}
