import { isMap, isScalar, type Node, type Pair } from "yaml";
import type { DocumentSymbol, FoldingRange } from "../../core/language.js";
import type { NetplanFile } from "./parser.js";

function pairRange(file: NetplanFile, pair: Pair) {
  const k = pair.key as Node | null;
  const v = pair.value as Node | null;
  const start = k?.range?.[0] ?? 0;
  const end = v?.range?.[1] ?? k?.range?.[1] ?? start;
  let e = end;
  while (e > start && /\s/.test(file.text[e - 1] ?? "")) e--;
  return { range: file.rangeOf(start, e), selectionRange: file.rangeOf(start, k?.range?.[1] ?? start) };
}

const keyText = (pair: Pair) => {
  const k = pair.key as Node | null;
  return k && isScalar(k) ? String(k.value) : "";
};

/** network → device types → devices. */
export function netplanSymbols(file: NetplanFile): DocumentSymbol[] {
  const root = file.doc?.contents as Node | null | undefined;
  if (!root || !isMap(root)) return [];
  return root.items.map((pair) => {
    const value = pair.value as Node | null;
    const children = isMap(value)
      ? value.items.map((typePair) => {
          const devices = typePair.value as Node | null;
          return {
            name: keyText(typePair),
            kind: "section" as const,
            ...pairRange(file, typePair),
            children: isMap(devices)
              ? devices.items.map((d) => ({ name: keyText(d), kind: "directive" as const, ...pairRange(file, d) }))
              : [],
          };
        })
      : [];
    return { name: keyText(pair), kind: "section" as const, ...pairRange(file, pair), children };
  });
}

/** Every key whose block value spans more lines folds. */
export function netplanFolding(file: NetplanFile): FoldingRange[] {
  const out: FoldingRange[] = [];
  for (const e of file.entries) {
    if (!e.value || isScalar(e.value)) continue;
    const { range } = pairRange(file, e.pair);
    if (range.end.line > range.start.line) out.push({ startLine: range.start.line, endLine: range.end.line });
  }
  return out;
}
