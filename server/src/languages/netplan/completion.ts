import type { CompletionItem } from "../../core/language.js";
import type { NetplanVersion } from "../../core/settings.js";
import { type Position, trimEndWhile } from "../../core/text.js";
import { childOf, freeKeys, knownKeys, type SchemaNode, schemaRoot } from "./data.js";
import { keyMarkdown } from "./hover.js";
import type { NetplanFile } from "./parser.js";

const isBlank = (c: string | undefined) => c !== undefined && /\s/.test(c);

interface KeyLine {
  /** Where the key starts: after the indentation and any `- ` sequence markers. */
  column: number;
  key: string;
  /** The text after the key's colon. */
  rest: string;
}

/**
 * A line `  - key: …` split into its parts: indentation, `- ` markers, a key
 * (not starting with a blank, '#', ':' or '-', up to its colon, trailing
 * blanks dropped), then a colon followed by a blank or the end of the line.
 * Scanned, not matched: a pattern with a repeated group and a lazy key
 * backtracks quadratically on a long line of markers or blanks.
 */
function keyLineOf(text: string): KeyLine | undefined {
  let i = 0;
  while (isBlank(text[i])) i++;
  while (text[i] === "-" && isBlank(text[i + 1])) {
    i++;
    while (isBlank(text[i])) i++;
  }
  const column = i;
  const first = text[i];
  if (first === undefined || isBlank(first) || first === "#" || first === ":" || first === "-") return undefined;
  let colon = i;
  while (colon < text.length && text[colon] !== ":" && text[colon] !== "#") colon++;
  if (text[colon] !== ":") return undefined;
  const rest = text.slice(colon + 1);
  if (rest !== "" && !isBlank(rest[0])) return undefined;
  return { column, key: trimEndWhile(text.slice(column, colon), isBlank), rest };
}

/**
 * The path of keys that holds a key written at `column` on `line`, from the
 * indentation of the lines above (it works on half-written files, which YAML
 * parsers reject): `[network, ethernets, eth0, routes, []]`.
 */
export function pathAbove(lines: string[], line: number, column: number): string[] {
  const path: string[] = [];
  let col = column;
  for (let i = line - 1; i >= 0 && col > 0; i--) {
    const text = lines[i] ?? "";
    if (/^\s*(#|$)/.test(text)) continue;
    const m = keyLineOf(text);
    const dashes = /^(\s*)((?:-\s*)+)/.exec(text);
    const keyCol = m ? m.column : (dashes?.[0].length ?? text.length - text.trimStart().length);
    const dashCol = dashes ? (dashes[1] ?? "").length : -1;
    if (dashes && keyCol <= col && dashCol < col) {
      if (m && keyCol < col) path.unshift(m.key);
      path.unshift("[]");
      col = dashCol;
    } else if (!dashes && m && keyCol < col) {
      path.unshift(m.key);
      col = keyCol;
    }
  }
  return path;
}

/** The table's node for a concrete path (undefined when netplan does not know it). */
export function schemaAt(path: string[]): SchemaNode | undefined {
  let node: SchemaNode | undefined = schemaRoot;
  for (const seg of path) {
    if (!node) return undefined;
    node = seg === "[]" ? node.item : childOf(node, seg);
  }
  return node;
}

/** Keys valid at the cursor's path for the target netplan version, and the values of an enum or boolean key after its colon. */
export function completeNetplan(file: NetplanFile, position: Position, version: NetplanVersion = "0.106"): CompletionItem[] {
  const lines = file.text.split(/\r?\n/);
  const before = (lines[position.line] ?? "").slice(0, position.character);
  if (/^\s*#/.test(before)) return [];
  const keyed = keyLineOf(before);
  // After `key:` and a blank, one word (no blank in it) is being typed.
  const valueWord = keyed && keyed.rest !== "" ? keyed.rest.trimStart() : undefined;
  if (keyed && valueWord !== undefined && !/\s/.test(valueWord)) {
    const word = valueWord;
    const node = schemaAt([...pathAbove(lines, position.line, keyed.column), keyed.key]);
    const info = node?.info;
    if (!info) return [];
    const range = { start: { line: position.line, character: position.character - word.length }, end: position };
    const values = info.type === "bool" ? ["true", "false"] : info.strict === "value" ? [...(info.values ?? [])] : [];
    if (info.type === "bool|enum") values.push("true", "false");
    return values.map((v, i) => ({ label: v, kind: "value", range, sortText: String(i).padStart(3, "0") }));
  }
  const key = /^(\s*)((?:-\s+)*)([\w.-]*)$/.exec(before);
  if (!key) return [];
  const word = key[3] ?? "";
  const column = (key[1] ?? "").length + (key[2] ?? "").length;
  const node = schemaAt(pathAbove(lines, position.line, column));
  if (!node || freeKeys(node)) return [];
  const range = { start: { line: position.line, character: position.character - word.length }, end: position };
  // Debian 12's netplan rejects the keys added after 0.106; offer them only for a newer target.
  const present = siblingKeys(lines, position.line, column, (key[2] ?? "") !== "");
  const keys = knownKeys(node)
    .filter((k) => version !== "0.106" || node.children.get(k)?.info?.debian !== false)
    .filter((k) => !present.has(k));
  return keys.map((k) => {
    const child = node.children.get(k) as SchemaNode;
    const info = child.info;
    return {
      label: k,
      kind: "directive",
      detail: info ? `${info.type}${info.deprecated === "yes" ? " (deprecated)" : ""}` : undefined,
      documentation: keyMarkdown(k, child),
      insertText: `${k}: `,
      range,
      sortText: `${info?.deprecated ? "1" : "0"}${k}`,
      valueFollows:
        info !== undefined &&
        (info.type === "bool" || info.type === "bool|enum" || (info.strict === "value" && (info.values?.length ?? 0) > 0)),
    };
  });
}

/**
 * The keys already written in the mapping that holds `line` at `column` (a
 * second one would be a duplicate key, which YAML collapses silently). Stops at
 * the lines of the parent, and at the start of another sequence item.
 */
function siblingKeys(lines: string[], line: number, column: number, startsItem: boolean): Set<string> {
  const keys = new Set<string>();
  // On a line that starts a sequence item, what is above belongs to the items before it.
  for (const step of startsItem ? [1] : [-1, 1]) {
    for (let i = line + step; i >= 0 && i < lines.length; i += step) {
      const text = lines[i] ?? "";
      if (/^\s*(#|$)/.test(text)) continue;
      const indent = text.length - text.trimStart().length;
      const keyed = keyLineOf(text);
      const itemStart = indent < column && keyed?.column === column;
      if (keyed?.column === column && !(itemStart && step > 0)) keys.add(keyed.key);
      if (indent < column) break;
    }
  }
  return keys;
}
