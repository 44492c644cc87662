import { isAlias, isMap, isScalar, isSeq, type Node, type Pair, parseDocument, type Document as YamlDocument } from "yaml";
import type { CommentLine } from "../../core/suppressions.js";
import { lineStarts, offsetMap, type Position, type Range, splitLines } from "../../core/text.js";
import { childOf, freeKeys, type SchemaNode, schemaRoot } from "./data.js";
import { libyamlProblems } from "./libyaml.js";

/** A key of a mapping with the table's node for it (absent: netplan does not know the key there). */
export interface KeyEntry {
  key: string;
  keyRange: Range;
  pair: Pair;
  /** The value node; null for `key:` with nothing after it. */
  value: Node | null;
  schema?: SchemaNode;
  /** The table's node of the mapping that holds the key. */
  parent: SchemaNode;
  /** The concrete key of the enclosing mapping (`eth0`), or `(top level)`. */
  parentKey: string;
  /** The concrete path of keys down to this one (sequence items as `[]`). */
  path: string[];
  /** The entry of the enclosing key, when there is one. */
  parentEntry?: KeyEntry;
}

export interface SyntaxProblem {
  range: Range;
  message: string;
}

export interface NetplanFile {
  text: string;
  doc?: YamlDocument.Parsed;
  entries: KeyEntry[];
  syntax: SyntaxProblem[];
  comments: CommentLine[];
  positionAt(offset: number): Position;
  rangeOf(start: number, end: number): Range;
  /** The root node's problem when the document is not a mapping. */
  rootNotMapping?: Range;
}

function scalarKey(pair: Pair): { text: string; range?: [number, number] } | undefined {
  const k = pair.key as Node | null;
  if (k && isScalar(k)) return { text: String(k.value), range: k.range ? [k.range[0], k.range[1]] : undefined };
  return undefined;
}

/** Parses netplan YAML keeping exact ranges; never throws (YAML errors become syntax problems). */
export function parseNetplan(text: string): NetplanFile {
  // The editor's lines (\r\n, lone \r and \n), not the YAML library's, which counts only \n.
  const starts = lineStarts(text);
  const map = offsetMap(text, starts);
  const lines = splitLines(text);
  const positionAt = (offset: number): Position => {
    const p = map.positionAt(Math.max(0, Math.min(offset, text.length)));
    return { line: p.line, character: Math.min(p.character, (lines[p.line] ?? "").length) };
  };
  const rangeOf = (start: number, end: number): Range => ({ start: positionAt(start), end: positionAt(Math.max(start, end)) });
  const comments: CommentLine[] = [];
  lines.forEach((line, i) => {
    if (/^\s*#/.test(line)) comments.push({ line: i, text: line });
  });
  const file: NetplanFile = { text, entries: [], syntax: [], comments, positionAt, rangeOf };
  // The YAML library builds an Error per problem, one per stray character in a garbled file: without stack traces
  // that costs a quarter of the time (each parse is synchronous, so the global setting is restored before anything else runs).
  const stackTraceLimit = Error.stackTraceLimit;
  try {
    Error.stackTraceLimit = 0;
    // Every scalar stays a string (netplan reads booleans and numbers itself); duplicate keys are accepted as libyaml does.
    const doc = parseDocument(text, { schema: "failsafe", uniqueKeys: false, prettyErrors: false });
    Error.stackTraceLimit = stackTraceLimit;
    file.doc = doc;
    for (const e of doc.errors) {
      const [s, t] = e.pos;
      file.syntax.push({ range: rangeOf(s, t === s ? s + 1 : t), message: e.message.split("\n")[0] ?? e.message });
    }
    if (doc.errors.length === 0) {
      for (const p of libyamlProblems(text, doc)) file.syntax.push({ range: rangeOf(p.start, p.end), message: p.message });
      walk(file, doc.contents as Node | null);
    }
  } catch (error) {
    file.syntax.push({ range: rangeOf(0, 0), message: `Cannot read the YAML: ${error instanceof Error ? error.message : String(error)}` });
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  return file;
}

function walk(file: NetplanFile, root: Node | null): void {
  if (!root || (isScalar(root) && (root.value === "" || root.value === null))) return;
  if (!isMap(root)) {
    const [start, end] = root.range ?? [0, 0];
    let e = end;
    while (e > start && /\s/.test(file.text[e - 1] ?? "")) e--;
    file.rootNotMapping = file.rangeOf(start, e);
    return;
  }
  visitMap(file, root, schemaRoot, "(top level)", [], undefined);
}

function visitMap(file: NetplanFile, map: Node, schema: SchemaNode, parentKey: string, path: string[], parentEntry?: KeyEntry): void {
  if (!isMap(map) || freeKeys(schema)) return;
  for (const pair of map.items) {
    const key = scalarKey(pair);
    if (!key?.range) continue;
    const child = childOf(schema, key.text);
    const entry: KeyEntry = {
      key: key.text,
      keyRange: file.rangeOf(key.range[0], key.range[1]),
      pair,
      value: (pair.value as Node | null) ?? null,
      schema: child,
      parent: schema,
      parentKey,
      path: [...path, key.text],
      parentEntry,
    };
    file.entries.push(entry);
    if (child) visitValue(file, entry.value, child, key.text, entry.path, entry);
  }
}

function visitValue(file: NetplanFile, value: Node | null, schema: SchemaNode, key: string, path: string[], entry: KeyEntry): void {
  if (!value || isAlias(value)) return;
  if (isMap(value)) visitMap(file, value, schema, key, path, entry);
  else if (isSeq(value) && schema.item) {
    for (const item of value.items as Node[]) if (isMap(item)) visitMap(file, item, schema.item, key, [...path, "[]"], entry);
  }
}
