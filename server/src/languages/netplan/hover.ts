import type { Hover } from "../../core/language.js";
import { containsPosition, type Position } from "../../core/text.js";
import { docsUrl, type KeyInfo, type SchemaNode } from "./data.js";
import type { NetplanFile } from "./parser.js";

const placeholderDoc: Record<string, string> = {
  "<id>": "A device ID: the interface name, or any name when the device has a `match:`.",
  "<ssid>": "The SSID of a Wi-Fi network this device connects to.",
  "<address>": "An address with its options (networkd only).",
};

/** Markdown about a key of the table, in our own words. */
export function keyMarkdown(name: string, schema: SchemaNode): string {
  const info: KeyInfo | undefined = schema.info;
  if (!info) return `**${name}**\n\n${placeholderDoc[schema.name] ?? ""}\n\n[netplan YAML reference](${docsUrl})`;
  const lines = [`**${name}**: ${info.type}${info.format ? ` (${info.format})` : ""}`];
  if (info.values?.length) lines.push(`Values: ${info.values.map((v) => `\`${v}\``).join(", ")}`);
  if (info.deprecated === "yes") lines.push(`Deprecated: use ${info.replacement ?? "its replacement"} instead.`);
  else if (info.deprecated === "alias")
    lines.push(`An accepted alternate spelling${info.replacement ? ` of \`${info.replacement}\`` : ""}.`);
  lines.push(
    info.renderer
      ? `Renderer: ${info.renderer}; the other renderer ignores it or netplan refuses it there.`
      : "Renderers: networkd and NetworkManager.",
  );
  if (info.valueNotes) lines.push(`Note: ${info.valueNotes}.`);
  const since = info.since ?? (info.firstTag !== "0.1" ? info.firstTag : undefined);
  lines.push(
    since
      ? `Versions: netplan ${since} and later.${info.debian ? " Debian 12's 0.106 has it." : " Not in Debian 12's netplan 0.106, which rejects the file."}`
      : "Versions: every netplan version.",
  );
  const anchor = info.section
    ? `#${info.section
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-|-$/g, "")}`
    : "";
  lines.push(`[netplan YAML reference${info.section ? `: ${info.section}` : ""}](${docsUrl}${anchor})`);
  return lines.join("\n\n");
}

/** Hover on a key: its type, values, versions, renderer and a link. */
export function hoverNetplan(file: NetplanFile, position: Position): Hover | undefined {
  const e = file.entries.find((x) => containsPosition(x.keyRange, position));
  if (!e?.schema) return undefined;
  return { range: e.keyRange, contents: keyMarkdown(e.key, e.schema) };
}
