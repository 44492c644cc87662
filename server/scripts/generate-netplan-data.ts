/**
 * Generates server/src/languages/netplan/data/netplan-data.json from the fact
 * table ../shared/data/netplan-keys.tsv: every YAML key path the parser of
 * netplan 1.2.2 accepts (canonical/netplan src/parse.c, tag 1.2.2), with the
 * path's presence in netplan 0.106 (Debian 12, netplan.io 0.106-2+deb12u1),
 * enum values, deprecations and renderer restrictions (doc/netplan-yaml.md).
 *
 * Each key's meaning and default come from server/scripts/data/netplan-key-docs.tsv,
 * written for Etcetera in its own words: the defaults stated by netplan's
 * doc/netplan-yaml.md (tag 1.2.2; 0.106 states the same ones), and where netplan
 * leaves a key unset, what the kernel, systemd-networkd or Open vSwitch then do.
 * A row's key is `name` or `parent.name` (the nearest named parent, for keys
 * whose meaning depends on where they stand: `routes.table`, `vlans.id`).
 * Run with `node --import tsx server/scripts/generate-netplan-data.ts`; the
 * output is committed so that a build never needs the shared folder, and
 * test/unit/netplan-data.test.ts checks it is fresh.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Row, readTable, sharedDataDir } from "./fact-tables.js";

const here = dirname(fileURLToPath(import.meta.url));

export { sharedDataDir };

const docsFile = join(here, "data/netplan-key-docs.tsv");
export const outputFile = join(here, "../src/languages/netplan/data/netplan-data.json");

/** Enum values of a row: notes in parentheses add aliases (`(aliases 5G 2.4G)`) or values for one device type (`(vlans also: sriov)`). */
function enumValues(r: Row): string[] {
  const cell = r.enum_values ?? "";
  const values = cell
    .replace(/\(.*\)/, "")
    .split(/\s+/)
    .filter(Boolean);
  const aliases = /\(aliases ([^)]*)\)/.exec(cell);
  if (aliases) values.push(...(aliases[1] ?? "").split(/\s+/).filter(Boolean));
  const also = /\((\S+) also: ([^)]*)\)/.exec(cell);
  if (also && also[1] === r.device_type) values.push(...(also[2] ?? "").split(/\s+/).filter(Boolean));
  return values;
}

/** Whether the parser rejects values outside the enum (a scalar with listed special values, such as `macaddress`, also takes free text). */
function strictness(r: Row): "value" | "item" | undefined {
  if (!r.enum_values) return undefined;
  if (r.type === "enum" || r.type === "bool|enum" || r.path === "network.version") return "value";
  if (r.type === "sequence" && /sequence of enum/.test(r.value_format ?? "")) return "item";
  return undefined;
}

/**
 * netplan also reads `renderer:` directly under a device type (`ethernets: {renderer: networkd}`, handle_network_type in
 * src/parse.c since 0.1); the table lists it only at the top and per definition, so each device type gets a copy of the top row.
 */
function withTypeRenderers(rows: Row[]): Row[] {
  const top = rows.find((r) => r.path === "network.renderer");
  if (!top) return rows;
  const types = rows.filter((r) => r.value_format === "mapping of device IDs");
  const copy = (t: Row): Row => ({
    ...top,
    path: `${t.path}.renderer`,
    device_type: t.device_type ?? "",
    first_tag_in_parser: t.first_tag_in_parser ?? "",
    "in_0.106": t["in_0.106"] ?? "",
  });
  return [...rows, ...types.map(copy)];
}

export function generate(): string {
  const rows = withTypeRenderers(readTable("netplan-keys.tsv"));
  const keys = rows.map((r) => {
    const strict = strictness(r);
    return {
      path: r.path,
      device: r.device_type,
      type: r.type,
      ...(r.value_format ? { format: r.value_format } : {}),
      ...(r.enum_values ? { values: enumValues(r) } : {}),
      ...(strict ? { strict } : {}),
      ...(r.deprecated ? { deprecated: r.deprecated } : {}),
      ...(r.replacement ? { replacement: r.replacement } : {}),
      ...(r.renderer_restriction ? { renderer: r.renderer_restriction } : {}),
      ...(r.value_renderer_notes ? { valueNotes: r.value_renderer_notes } : {}),
      ...(r.doc_since ? { since: r.doc_since.replace(/^since\s+/, "") } : {}),
      firstTag: r.first_tag_in_parser,
      debian: r["in_0.106"] === "yes",
      ...(r.doc_section ? { section: r.doc_section } : {}),
      ...(r.parser_handler ? { handler: r.parser_handler } : {}),
    };
  });
  const docs: Record<string, { meaning: string; default?: string }> = {};
  for (const line of readFileSync(docsFile, "utf8").split("\n").slice(1)) {
    const [key, dflt, meaning] = line.split("\t");
    if (key && meaning) docs[key] = { meaning, ...(dflt ? { default: dflt } : {}) };
  }
  const data = {
    source:
      "../shared/data/netplan-keys.tsv: netplan 1.2.2 (canonical/netplan e9dd90a9, src/parse.c, doc/netplan-yaml.md); Debian 12 = netplan 0.106 (netplan.io 0.106-2+deb12u1)",
    docs: "https://netplan.readthedocs.io/en/stable/netplan-yaml/",
    keys,
    keyDocs: docs,
  };
  return `${JSON.stringify(data, null, 1)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(outputFile, generate());
  console.log(`wrote ${outputFile}`);
}
