import { isMap, isSeq, type Node } from "yaml";
import { closest } from "../../systemd/suggest.js";
import { nodeRange, scalarText, seqScalars, valueAt } from "../model.js";
import type { NetplanRule } from "../rule.js";

/** Keys whose value names other definitions: members of a bond, bridge or VRF, the link of a VLAN or VF. */
const memberKeys: Record<string, string> = { bonds: "bond", bridges: "bridge", vrfs: "vrf" };

export const undefinedInterface: NetplanRule = {
  meta: {
    id: "netplan/undefined-interface",
    severity: "error",
    doc: "An interface named in interfaces:, link:, a bond's primary: or a bridge's path-cost:/port-priority: that no definition of this file or an earlier file (in netplan's reading order) defines, or a member already taken by another bond, bridge or VRF: netplan rejects the file.",
  },
  check(ctx, report) {
    const config = ctx.config();
    const current = config.sources.find((s) => s.current);
    if (!current) return;
    const ovsPorts = new Set<string>();
    for (const s of config.sources) {
      const ports = valueAt(valueAt(valueAt(s.file.doc?.contents, "network"), "openvswitch"), "ports");
      if (isSeq(ports)) for (const pair of ports.items) for (const p of seqScalars(pair)) ovsPorts.add(p.text);
    }
    const definedFor = (order: number, id: string) => ovsPorts.has(id) || (config.byId.get(id) ?? []).some((d) => d.order <= order);
    const master = new Map<string, { kind: string; id: string }>();
    for (const def of config.definitions) {
      const kind = memberKeys[def.type];
      const refs: { key: string; items: ReturnType<typeof seqScalars> }[] = [];
      if (kind) refs.push({ key: "interfaces", items: seqScalars(valueAt(def.map, "interfaces")) });
      for (const key of ["link"]) {
        const n = valueAt(def.map, key);
        const t = scalarText(n);
        if (t !== undefined && n && (def.type === "vlans" || def.type === "tunnels" || def.type === "ethernets"))
          refs.push({ key, items: [{ text: t, node: n }] });
      }
      const params = valueAt(def.map, "parameters");
      const primary = valueAt(params, "primary");
      const primaryText = scalarText(primary);
      if (def.type === "bonds" && primary && primaryText !== undefined)
        refs.push({ key: "parameters: primary", items: [{ text: primaryText, node: primary }] });
      if (def.type === "bridges")
        for (const key of ["path-cost", "port-priority"]) {
          const m = valueAt(params, key);
          if (isMap(m))
            refs.push({
              key: `parameters: ${key}`,
              items: m.items.flatMap((p) => {
                const t = scalarText(p.key);
                return t === undefined ? [] : [{ text: t, node: p.key as Node }];
              }),
            });
        }
      for (const { key, items } of refs) {
        for (const item of items) {
          const inThisFile = def.source === current;
          if (!definedFor(def.order, item.text)) {
            if (!inThisFile) continue;
            const later = (config.byId.get(item.text) ?? [])[0];
            const names = config.definitions.filter((d) => d.order <= def.order).map((d) => d.id);
            const [guess] = closest(item.text, [...new Set(names)]);
            const where = later
              ? ` It is defined in ${later.source.name}, which netplan reads after this file: define it here or in an earlier file.`
              : guess
                ? ` Did you mean '${guess}'?`
                : ` Define it (e.g. under ethernets:) in this file or an earlier one.`;
            report(
              nodeRange(ctx.file, item.node, def.keyRange),
              `${def.id}: ${key}: names '${item.text}', which is not defined; netplan rejects the file.${where}`,
            );
            continue;
          }
          if (key !== "interfaces" || !kind) continue;
          const taken = master.get(item.text);
          if (taken && !(taken.kind === kind && taken.id === def.id)) {
            if (inThisFile)
              report(
                nodeRange(ctx.file, item.node, def.keyRange),
                `${def.id}: '${item.text}' is already a member of ${taken.kind} ${taken.id}; an interface belongs to one bond, bridge or VRF and netplan rejects the file.`,
              );
            continue;
          }
          master.set(item.text, { kind, id: def.id });
        }
      }
    }
  },
};
