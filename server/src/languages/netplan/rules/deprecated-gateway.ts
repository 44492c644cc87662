import { isMap, isScalar, isSeq, type Node, type Pair } from "yaml";
import type { Fix, TextEdit } from "../../../core/diagnostic.js";
import type { KeyEntry, NetplanFile } from "../parser.js";
import type { NetplanRule } from "../rule.js";

const isGateway = (e: KeyEntry) => e.schema?.info?.deprecated === "yes" && /^gateway[46]$/.test(e.key);

function lineText(file: NetplanFile, line: number): string {
  return file.text.split(/\r?\n/)[line] ?? "";
}

/** A `gateway4: X` pair alone on its line (block style), with its value. */
function simpleLine(file: NetplanFile, e: KeyEntry): string | undefined {
  const line = lineText(file, e.keyRange.start.line);
  const m = /^(\s*)(gateway[46])\s*:\s*("[^"]*"|'[^']*'|[^\s#]+)\s*(#.*)?$/.exec(line);
  if (!m || (m[1] ?? "").length !== e.keyRange.start.character) return undefined;
  return e.value && isScalar(e.value) ? m[3] : undefined;
}

const wholeLine = (line: number): TextEdit["range"] => ({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });

/** The quick fix: the default routes in `routes:` (appended to an existing block sequence, or a new `routes:` in place of the first gateway). */
function fix(file: NetplanFile, e: KeyEntry, siblings: KeyEntry[]): Fix | undefined {
  const gateways = siblings.filter(isGateway);
  const vias = gateways.map((g) => simpleLine(file, g));
  if (vias.some((v) => v === undefined)) return undefined;
  const routes = siblings.find((s) => s.key === "routes");
  const indent = " ".repeat(e.keyRange.start.character);
  if (!routes) {
    const lines = [`${indent}routes:`, ...vias.flatMap((via) => [`${indent}  - to: default`, `${indent}    via: ${via}`])];
    const first = gateways[0] as KeyEntry;
    const edits: TextEdit[] = [{ range: wholeLine(first.keyRange.start.line), newText: `${lines.join("\n")}\n` }];
    for (const g of gateways.slice(1)) edits.push({ range: wholeLine(g.keyRange.start.line), newText: "" });
    return { title: `Replace ${gateways.map((g) => g.key).join(" and ")} with default routes in routes:`, edits, preferred: true };
  }
  const seq = routes.value;
  if (!seq || !isSeq(seq) || seq.flow || seq.items.length === 0) return undefined;
  const firstItem = seq.items[0] as Node;
  const lastItem = seq.items[seq.items.length - 1] as Node;
  if (!firstItem.range || !lastItem.range) return undefined;
  const dash = /^(\s*)-/.exec(lineText(file, file.positionAt(firstItem.range[0]).line));
  if (!dash) return undefined;
  const itemIndent = dash[1] ?? "";
  let end = lastItem.range[1];
  while (end > 0 && /\s/.test(file.text[end - 1] ?? "")) end--;
  const endLine = file.positionAt(end).line;
  const at = { line: endLine, character: lineText(file, endLine).length };
  const via = simpleLine(file, e) as string;
  return {
    title: `Replace ${e.key} with a default route in routes:`,
    edits: [
      { range: { start: at, end: at }, newText: `\n${itemIndent}- to: default\n${itemIndent}  via: ${via}` },
      { range: wholeLine(e.keyRange.start.line), newText: "" },
    ],
    preferred: true,
  };
}

export const deprecatedGateway: NetplanRule = {
  meta: {
    id: "netplan/deprecated-gateway",
    severity: "warning",
    doc: "gateway4: and gateway6: are deprecated (netplan warns on every run): write a default route in routes: instead.",
  },
  check(ctx, report) {
    const { file } = ctx;
    for (const e of file.entries) {
      if (!isGateway(e)) continue;
      const siblings = file.entries.filter((s) => s.pair !== e.pair && s.parentEntry === e.parentEntry && sameMap(e, s));
      const all = [...siblings, e].sort((a, b) => a.keyRange.start.line - b.keyRange.start.line);
      const f = fix(file, e, all);
      report(
        e.keyRange,
        `${e.key} is deprecated: netplan warns about it on every run. Write a default route instead: routes: [{to: default, via: ...}].`,
        f ? [f] : [],
      );
    }
  },
};

function sameMap(a: KeyEntry, b: KeyEntry): boolean {
  const holder = a.parentEntry?.value;
  if (!holder || !isMap(holder)) return a.parentEntry === b.parentEntry;
  return holder.items.includes(b.pair as Pair<unknown, unknown>) && holder.items.includes(a.pair as Pair<unknown, unknown>);
}
