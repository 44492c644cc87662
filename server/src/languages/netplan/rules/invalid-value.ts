import { isAlias, isMap, isScalar, isSeq, type Node } from "yaml";
import type { Fix } from "../../../core/diagnostic.js";
import type { NetplanVersion } from "../../../core/settings.js";
import { isBoolWord, type SchemaNode } from "../data.js";
import type { KeyEntry, NetplanFile } from "../parser.js";
import type { NetplanRule, Report } from "../rule.js";

type Shape = "scalar" | "mapping" | "sequence";

/** The node type the parser asserts for a key (undefined: it takes more than one). */
export function expectedShape(schema: SchemaNode): Shape | undefined {
  const t = schema.info?.type;
  if (!t) return schema.children.size > 0 ? "mapping" : undefined;
  if (t === "mapping") return "mapping";
  if (t === "sequence") return "sequence";
  if (t === "bool" || t === "enum" || t === "scalar" || t === "bool|enum") return "scalar";
  return undefined;
}

const shapeOf = (n: Node): Shape | undefined => (isMap(n) ? "mapping" : isSeq(n) ? "sequence" : isScalar(n) ? "scalar" : undefined);
const article = (s: Shape) => (s === "scalar" ? "a single value" : `a ${s}`);

function valueRange(file: NetplanFile, e: KeyEntry, n: Node) {
  return n.range ? file.rangeOf(n.range[0], n.range[1]) : e.keyRange;
}

/**
 * Whether the target version's parser checks the key's values at all: bond parameters such as transmit-hash-policy are
 * read as plain strings and passed to the backend, and 0.106 reads lacp-rate so too (1.0 added its check).
 */
function parserChecks(schema: SchemaNode, version: NetplanVersion): boolean {
  const h = schema.info?.handler;
  if (h === "handle_netdef_str") return false;
  if (h === "handle_bond_lacp_rate") return version !== "0.106";
  return true;
}

/**
 * Values whose acceptance differs between the versions: the schema lists netplan 1.2.2's. For 0.106 (src/parse.c, tag
 * 0.106) the first map's values are not yet known (the tag that added each), and the second's are still accepted
 * (OpenFlow16: 1.0 made it a deprecated protocol that netplan drops with a warning).
 */
const newerThan0106: Record<string, Record<string, string>> = {
  handle_auth_key_management: { "psk-sha256": "1.2", "eap-sha256": "1.0", "eap-suite-b-192": "1.0", sae: "0.107" },
  handle_auth_method: { leap: "1.0", pwd: "1.0" },
};
const onlyIn0106: Record<string, string[]> = {
  handle_ovs_bridge_protocol: ["OpenFlow16"],
  handle_network_ovs_settings_global_protocol: ["OpenFlow16"],
};

/** The values the target version's parser accepts for a key. */
function valuesFor(schema: SchemaNode, version: NetplanVersion): { values: string[]; newer: Record<string, string> } {
  const values = schema.info?.values ?? [];
  const handler = schema.info?.handler ?? "";
  if (version !== "0.106") return { values, newer: {} };
  const newer = newerThan0106[handler] ?? {};
  return { values: [...values.filter((v) => newer[v] === undefined), ...(onlyIn0106[handler] ?? [])], newer };
}

/** Checks one scalar against an enum or the booleans; returns the message, or undefined when netplan accepts it. */
function checkScalar(
  text: string,
  schema: SchemaNode,
  strictOnly: boolean,
  version: NetplanVersion,
): { message: string; suggestion?: string } | undefined {
  const info = schema.info;
  if (!info) return undefined;
  const { values, newer } = valuesFor(schema, version);
  const since = newer[text];
  if (since)
    return {
      message: `'${text}' is new in netplan ${since}: netplan 0.106 (Debian 12, the target version) does not know this value of ${schema.name} and rejects the file; it accepts ${values.join(", ")}. Use one of those, or set etcetera.netplan.version to a newer netplan.`,
    };
  if (!strictOnly && info.type === "bool") {
    if (isBoolWord(text)) return undefined;
    return { message: `'${text}' is not a boolean for ${schema.name}: write true or false (netplan also reads yes/no, on/off, y/n).` };
  }
  if (info.strict === "value" || strictOnly) {
    if (values.includes(text)) return undefined;
    if (info.type === "bool|enum" && isBoolWord(text)) return undefined;
    const suggestion = values.find((v) => v.toLowerCase() === text.toLowerCase());
    const list = values.join(", ") + (info.type === "bool|enum" ? " (or a boolean)" : "");
    const what = strictOnly ? `an item of ${schema.name}` : `a value of ${schema.name}`;
    return {
      message: `'${text}' is not ${what}: netplan accepts ${list}.${suggestion ? ` Did you mean '${suggestion}'?` : ""}`,
      suggestion,
    };
  }
  return undefined;
}

function reportScalar(
  file: NetplanFile,
  e: KeyEntry,
  n: Node,
  schema: SchemaNode,
  strictOnly: boolean,
  version: NetplanVersion,
  report: Report,
): void {
  if (!isScalar(n)) return;
  const problem = checkScalar(String(n.value ?? ""), schema, strictOnly, version);
  if (!problem) return;
  const range = valueRange(file, e, n);
  const fixes: Fix[] = problem.suggestion
    ? [{ title: `Change to '${problem.suggestion}'`, edits: [{ range, newText: problem.suggestion }], preferred: true }]
    : [];
  report(range, problem.message, fixes);
}

/** Shapes a handler checks beyond the key's type: netplan's own conditions in src/parse.c. */
function specialShape(e: KeyEntry, n: Node): { node: Node; message: string } | undefined {
  const handler = e.schema?.info?.handler;
  if (handler === "handle_addresses" && isSeq(n)) {
    const item = (n.items as Node[]).find((i) => !isScalar(i) && !isMap(i) && !isAlias(i));
    if (item)
      return {
        node: item,
        message:
          "Each item of addresses: is an address/prefix or a mapping {address/prefix: options}, not a list; netplan rejects the file (check the indentation and brackets).",
      };
  }
  if (handler === "handle_vxlan_source_port" && isSeq(n) && n.items.length !== 2)
    return {
      node: n,
      message: `port-range: takes exactly two ports, the lowest and the highest (e.g. [4000, 5000]), not ${n.items.length}; netplan rejects the file.`,
    };
  if (handler === "handle_wowlan" && isSeq(n)) {
    const words = (n.items as Node[]).map((i) => String(isScalar(i) ? i.value : "").toLowerCase());
    if (words.includes("default") && words.some((w) => w !== "default"))
      return {
        node: n,
        message:
          "wakeonwlan: 'default' keeps the driver's own setting and cannot be combined with other triggers; netplan rejects the file. Keep 'default' alone or list only the triggers.",
      };
  }
  return undefined;
}

export const invalidValue: NetplanRule = {
  meta: {
    id: "netplan/invalid-value",
    severity: "error",
    doc: "A value netplan rejects: not one of the key's values, not a boolean, or a single value where a mapping or a sequence belongs (and the other way round).",
  },
  check(ctx, report) {
    const { file } = ctx;
    for (const e of file.entries) {
      const schema = e.schema;
      if (!schema) continue;
      const expected = expectedShape(schema);
      const n = e.value;
      if (n && isAlias(n)) continue;
      if (!n || (isScalar(n) && n.range && n.range[0] === n.range[1])) {
        if (expected === "mapping" || expected === "sequence")
          report(e.keyRange, `'${e.key}' has no value; netplan expects ${article(expected)} here.`);
        else if (expected === "scalar" && (schema.info?.type === "bool" || schema.info?.strict === "value"))
          report(
            e.keyRange,
            `'${e.key}' has no value; netplan expects ${schema.info?.type === "bool" ? "true or false" : `one of ${schema.info?.values?.join(", ")}`}.`,
          );
        continue;
      }
      const shape = shapeOf(n);
      if (expected && shape && shape !== expected) {
        report(valueRange(file, e, n), `'${e.key}' takes ${article(expected)}, not ${article(shape)}; netplan rejects the file.`);
        continue;
      }
      const special = specialShape(e, n);
      if (special) {
        report(valueRange(file, e, special.node), special.message);
        continue;
      }
      if (!parserChecks(schema, ctx.version)) continue;
      if (isScalar(n)) reportScalar(file, e, n, schema, false, ctx.version, report);
      else if (isSeq(n) && schema.info?.strict === "item")
        for (const item of n.items as Node[]) {
          if (isScalar(item)) reportScalar(file, e, item, schema, true, ctx.version, report);
          else if (!isAlias(item)) report(valueRange(file, e, item), `Each item of '${e.key}' is a single value.`);
        }
    }
  },
};
