import type { Hover } from "../../core/language.js";
import { escapeMarkdown, inlineCode } from "../../core/markdown.js";
import { containsPosition, type Position } from "../../core/text.js";
import { docsUrl, type KeyInfo, keyDoc, type SchemaNode } from "./data.js";
import type { NetplanFile } from "./parser.js";

const placeholderDoc: Record<string, string> = {
  "<id>": "A device ID: the interface name, or any name when the device has a `match:`.",
  "<ssid>": "The SSID of a Wi-Fi network this device connects to.",
  "<address>": "An address with its options (networkd only).",
};

/** The type line: the table's kind with its format, in words. */
function typeText(info: KeyInfo): string {
  const kind: Record<string, string> = {
    bool: "boolean (true/false; netplan also reads yes/no, on/off, y/n)",
    scalar: "a single value",
    sequence: "a list",
    mapping: "a mapping",
    enum: "one of the values below",
    "bool|enum": "a boolean or one of the values below",
    "scalar|mapping": "a single value or a mapping",
    "scalar|sequence": "a single value or a list",
  };
  const base = kind[info.type] ?? info.type;
  return info.format && info.format !== "one of values" ? `${base}: ${info.format}` : base;
}

/** The versions line: the first netplan version that reads the key, and whether Debian 12's 0.106 does. */
function versionsText(info: KeyInfo): string {
  const since = info.since ?? (info.firstTag !== "0.1" ? info.firstTag : undefined);
  if (!since) return "netplan 0.1 and later (every version, including Debian 12's 0.106).";
  return `netplan ${since} and later.${info.debian ? " Debian 12's 0.106 has it." : " Not in Debian 12's netplan 0.106, which rejects the file."}`;
}

/** The renderers line: both unless the table restricts the key (or one of its values) to one. */
function renderersText(info: KeyInfo): string {
  if (info.renderer) return `${info.renderer}; the other renderer ignores it or netplan refuses it there.`;
  if (/openvswitch/.test(info.path)) return "Open vSwitch (netplan hands the definition to OVS).";
  return `networkd and NetworkManager${info.valueNotes ? ` (${info.valueNotes})` : ""}.`;
}

/** Markdown about a key of the table, in our own words; `name` is the key as written in the file (escaped). */
export function keyMarkdown(name: string, schema: SchemaNode): string {
  const info: KeyInfo | undefined = schema.info;
  const title = `**${escapeMarkdown(name)}**`;
  if (!info) return `${title}\n\n${placeholderDoc[schema.name] ?? ""}\n\n[netplan YAML reference](${docsUrl})`;
  const doc = keyDoc(info);
  const lines = [title];
  if (doc) lines.push(doc.meaning);
  lines.push(`Type: ${typeText(info)}`);
  if (info.values?.length) lines.push(`Values: ${info.values.map((v) => inlineCode(v)).join(", ")}`);
  if (doc?.default) lines.push(`Default: ${doc.default}`);
  if (info.deprecated === "yes") lines.push(`Deprecated: use ${info.replacement ?? "its replacement"} instead.`);
  else if (info.deprecated === "alias")
    lines.push(`An accepted alternate spelling${info.replacement ? ` of \`${info.replacement}\`` : ""}.`);
  lines.push(`Renderers: ${renderersText(info)}`);
  lines.push(`Versions: ${versionsText(info)}`);
  const anchor = info.section
    ? `#${info.section
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-|-$/g, "")}`
    : "";
  lines.push(`[netplan YAML reference${info.section ? `: ${info.section}` : ""}](${docsUrl}${anchor})`);
  return lines.join("\n\n");
}

/** Hover on a key: its meaning, type, values, default, renderers, versions and a link. */
export function hoverNetplan(file: NetplanFile, position: Position): Hover | undefined {
  const e = file.entries.find((x) => containsPosition(x.keyRange, position));
  if (!e?.schema) return undefined;
  return { range: e.keyRange, contents: keyMarkdown(e.key, e.schema) };
}
