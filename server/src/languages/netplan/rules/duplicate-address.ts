import { isMap, isSeq, type Node } from "yaml";
import { nodeRange, scalarText, valueAt } from "../model.js";
import type { NetplanRule } from "../rule.js";
import { formatAddress, parseCidr } from "../values.js";

export const duplicateAddress: NetplanRule = {
  meta: {
    id: "netplan/duplicate-address",
    severity: "warning",
    doc: "The same IP address on two interfaces (in any of the files netplan reads): both claim it, ARP answers flap between them and connections break at random. Give each interface its own address.",
  },
  check(ctx, report) {
    const config = ctx.config();
    const owner = new Map<string, { id: string; file: string; line: number }>();
    for (const def of config.definitions) {
      const addrs = valueAt(def.map, "addresses");
      if (!isSeq(addrs)) continue;
      for (const item of addrs.items as Node[]) {
        const node = (isMap(item) ? item.items[0]?.key : item) as Node | undefined;
        const text = scalarText(node);
        const c = text ? parseCidr(text) : undefined;
        if (!c || !node) continue;
        const key = `${c.family} ${formatAddress(c.address, c.family)}`;
        const range = nodeRange(def.source.file, node, def.keyRange);
        const first = owner.get(key);
        if (!first) {
          owner.set(key, { id: def.id, file: def.source.name, line: range.start.line });
          continue;
        }
        if (first.id === def.id || !def.source.current) continue;
        const where = first.file === def.source.name ? `line ${first.line + 1}` : first.file;
        report(
          range,
          `${formatAddress(c.address, c.family)} is also the address of ${first.id} (${where}): two interfaces claiming one address answer ARP/ND in turn and traffic breaks at random. Give each its own address.`,
        );
      }
    }
  },
};
