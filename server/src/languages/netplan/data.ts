import raw from "./data/netplan-data.json";

/** Typed access to the generated key table (see server/scripts/generate-netplan-data.ts). */

export interface KeyInfo {
  /** Path notation of the fact table: `network.ethernets.<id>.routes[].to`. */
  path: string;
  device: string;
  /** bool, scalar, sequence, mapping, enum, bool|enum, scalar|mapping, scalar|sequence. */
  type: string;
  format?: string;
  values?: string[];
  /** `value`: the parser rejects other values; `item`: each sequence item must be one of them. */
  strict?: "value" | "item";
  /** `yes` (the parser warns) or `alias` (an accepted alternate spelling). */
  deprecated?: string;
  replacement?: string;
  renderer?: string;
  valueNotes?: string;
  since?: string;
  firstTag: string;
  /** Accepted by Debian 12's netplan 0.106. */
  debian: boolean;
  section?: string;
  /** The C handler of netplan 1.2.2's parser that reads the value (handle_netdef_guint, handle_routes_ip, ...). */
  handler?: string;
}

/** A key's meaning and default, in our words (server/scripts/data/netplan-key-docs.tsv). */
export interface KeyDoc {
  meaning: string;
  default?: string;
}

interface NetplanData {
  source: string;
  docs: string;
  keys: KeyInfo[];
  keyDocs: Record<string, KeyDoc>;
}

const data = raw as unknown as NetplanData;

export const docsUrl = data.docs;

/** Every row of the key table. */
export const allKeys = (): readonly KeyInfo[] => data.keys;

/** The meaning and default of a key of the table: by `parent.name` where the meaning depends on the place, else by name. */
export function keyDoc(info: KeyInfo): KeyDoc | undefined {
  const segs = (info.path.match(/[^.[\]]+/g) ?? []).filter((s) => !s.startsWith("<"));
  const name = segs[segs.length - 1] ?? "";
  const parent = segs[segs.length - 2];
  return (parent ? data.keyDocs[`${parent}.${name}`] : undefined) ?? data.keyDocs[name];
}

/** A node of the key tree: a key's row (absent for `network` and the placeholders), its children, the item of a sequence. */
export interface SchemaNode {
  name: string;
  path: string;
  info?: KeyInfo;
  children: Map<string, SchemaNode>;
  item?: SchemaNode;
}

/** Placeholders of the table's paths: any key is a device ID, an SSID or an address. */
export const placeholders = ["<id>", "<ssid>", "<address>"];

function newNode(name: string, path: string): SchemaNode {
  return { name, path, children: new Map() };
}

function buildTree(): SchemaNode {
  const root = newNode("", "");
  for (const info of data.keys) {
    let node = root;
    let path = "";
    for (const seg of info.path.match(/\[\]|[^.[\]]+/g) ?? []) {
      if (seg === "[]") {
        path += "[]";
        node.item ??= newNode("[]", path);
        node = node.item;
      } else {
        path = path ? `${path}.${seg}` : seg;
        let next = node.children.get(seg);
        if (!next) {
          next = newNode(seg, path);
          node.children.set(seg, next);
        }
        node = next;
      }
    }
    node.info ??= info;
  }
  return root;
}

export const schemaRoot = buildTree();

/** The child of a mapping node for a key: the exact key, else the node's placeholder. */
export function childOf(node: SchemaNode, key: string): SchemaNode | undefined {
  const exact = node.children.get(key);
  if (exact && !placeholders.includes(key)) return exact;
  for (const p of placeholders) {
    const c = node.children.get(p);
    if (c) return c;
  }
  return undefined;
}

/** A mapping whose keys are free (NetworkManager passthrough, Open vSwitch external-ids, bridge port priorities). */
export function freeKeys(node: SchemaNode): boolean {
  const f = node.info?.format ?? "";
  return node.info?.type === "mapping" && f.startsWith("mapping ") && f !== "mapping of device IDs";
}

/** The keys a mapping node accepts by name (not its placeholder). */
export function knownKeys(node: SchemaNode): string[] {
  return [...node.children.keys()].filter((k) => !placeholders.includes(k));
}

/** The netplan booleans (libnetplan's handle_bool, case-insensitive). */
export const trueWords = ["true", "on", "yes", "y"];
export const falseWords = ["false", "off", "no", "n"];
export const isBoolWord = (s: string) => [...trueWords, ...falseWords].includes(s.toLowerCase());

/** The device-type keys under `network:` (a mapping of device IDs). */
export function deviceTypes(): string[] {
  return [...(schemaRoot.children.get("network")?.children.values() ?? [])]
    .filter((n) => n.info?.format === "mapping of device IDs")
    .map((n) => n.name);
}
