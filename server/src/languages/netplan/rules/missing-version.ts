import { isMap, type Node } from "yaml";
import { keyRangeOf, pairOf, valueAt } from "../model.js";
import type { NetplanRule } from "../rule.js";

export const missingVersion: NetplanRule = {
  meta: {
    id: "netplan/missing-version",
    severity: "info",
    doc: "network: without version: 2. netplan 0.106 accepts it, but the format requires it, other tools reading netplan YAML (cloud-init, netplan set) expect it, and a future format version would read the file differently.",
  },
  check(ctx, report) {
    const root = ctx.file.doc?.contents as Node | null | undefined;
    const network = pairOf(root, "network");
    // A version: written at the top level instead is the unknown-key rule's finding; broken YAML has no structure to judge.
    if (ctx.file.syntax.length > 0 || pairOf(root, "version")) return;
    const value = valueAt(root, "network");
    if (!network || !isMap(value) || pairOf(network.value, "version")) return;
    const at = keyRangeOf(ctx.file, network);
    const message = "network: has no version: 2; netplan assumes it, but write it: other tools and future netplan versions rely on it.";
    // A flow mapping (network: {…}) has no next line to put the key on; the finding stands without a fix.
    if (value.flow) return report(at, message);
    report(at, message, [
      {
        title: "Add version: 2",
        edits: [
          {
            range: { start: { line: at.start.line + 1, character: 0 }, end: { line: at.start.line + 1, character: 0 } },
            newText: `${" ".repeat(at.start.character + 2)}version: 2\n`,
          },
        ],
        preferred: true,
      },
    ]);
  },
};
