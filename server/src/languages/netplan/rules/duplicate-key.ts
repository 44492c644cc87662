import { isMap, isSeq, type Node, type Pair } from "yaml";
import { keyRangeOf, scalarText } from "../model.js";
import type { NetplanRule } from "../rule.js";

/** Duplicates netplan itself refuses (see duplicate-setting): every repeated SSID or bridge port, a changed primary or OVS entry. */
function rejected(parent: string, key: string, first: Pair, second: Pair): boolean {
  if (parent === "access-points" || parent === "path-cost" || parent === "port-priority") return true;
  const differs = scalarText(first.value) !== scalarText(second.value);
  return differs && (key === "primary" || parent === "external-ids" || parent === "other-config");
}

export const duplicateKey: NetplanRule = {
  meta: {
    id: "netplan/duplicate-key",
    severity: "warning",
    doc: "A key written twice in one mapping: YAML keeps no warning, netplan reads both in order, so the second single value silently replaces the first (two blocks of one device are merged). Keep one and merge what you meant.",
  },
  check(ctx, report) {
    const { file } = ctx;
    const visit = (n: Node | null | undefined, parent = ""): void => {
      if (!n) return;
      if (isSeq(n)) for (const i of n.items as Node[]) visit(i);
      if (!isMap(n)) return;
      const seen = new Map<string, Pair>();
      for (const p of n.items as Pair[]) {
        const k = scalarText(p.key);
        if (k !== undefined) {
          const first = seen.get(k);
          if (first && rejected(parent, k, first, p)) {
            // netplan/duplicate-setting reports it as the error it is.
          } else if (first)
            report(
              keyRangeOf(file, p),
              `'${k}' is already set on line ${keyRangeOf(file, first).start.line + 1} of this mapping: netplan reads both, the later ${isMap(p.value as Node) ? "block is merged into the earlier one" : "value silently replaces the earlier one"}. Keep one.`,
            );
          else seen.set(k, p);
        }
        visit(p.value as Node | null, k);
      }
    };
    visit(file.doc?.contents as Node | null | undefined);
  },
};
