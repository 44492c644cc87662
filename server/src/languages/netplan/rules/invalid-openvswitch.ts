import { isMap, isSeq, type Node, type Pair } from "yaml";
import { keyRangeOf, nodeRange, pairOf, scalarText, seqScalars, valueAt } from "../model.js";
import type { NetplanRule } from "../rule.js";
import { isIp4, isIp6 } from "../values.js";

/** Keys of a definition's openvswitch: that only one device type may carry (netplan's handle_ovs_* checks). */
const onlyFor: Record<string, "bonds" | "bridges"> = {
  lacp: "bonds",
  "fail-mode": "bridges",
  "mcast-snooping": "bridges",
  rstp: "bridges",
  protocols: "bridges",
};

const defaultPort = "6653";

/** C's atoi: leading blanks, a sign, then digits; 0 when there are none. */
const atoi = (s: string): number => Number.parseInt(/^\s*[+-]?\d+/.exec(s)?.[0] ?? "0", 10);

/** One controller target after its scheme, as netplan's validate_ovs_target reads it: `host[:port]` or `[port][:host]`. */
function validTarget(hostFirst: boolean, rest: string): boolean {
  let host: string | undefined;
  let port: string;
  if (hostFirst) {
    if (rest.startsWith("[")) {
      const inner = rest.slice(1);
      const withPort = inner.includes("]:") ? inner : `${inner}]:${defaultPort}`;
      const cut = withPort.indexOf("]:");
      host = withPort.slice(0, cut);
      port = withPort.slice(cut + 2);
    } else {
      const withPort = rest.includes(":") ? rest : `${rest}:${defaultPort}`;
      const cut = withPort.indexOf(":");
      host = withPort.slice(0, cut);
      port = withPort.slice(cut + 1);
    }
  } else if (rest === "") port = defaultPort;
  else {
    const cut = rest.indexOf(":");
    port = cut < 0 ? rest : rest.slice(0, cut);
    // The first two brackets around an IPv6 host are dropped.
    host =
      cut < 0
        ? undefined
        : rest
            .slice(cut + 1)
            .replace(/[[\]]/, "")
            .replace(/[[\]]/, "");
  }
  if (host?.includes("%")) host = host.slice(0, host.indexOf("%"));
  const n = atoi(port);
  if (n <= 0 || n > 65535) return false;
  return host === undefined || isIp4(host) || isIp6(host);
}

/** A controller address as netplan accepts it: unix:/punix:<path>, tcp:/ssl:<host>[:<port>], ptcp:/pssl:[<port>][:<host>]. */
export function validControllerTarget(target: string): boolean {
  const colon = target.indexOf(":");
  if (colon < 0) return false;
  const scheme = target.slice(0, colon);
  const rest = target.slice(colon + 1);
  if (scheme === "unix" || scheme === "punix") return true;
  if (scheme === "tcp" || scheme === "ssl") return validTarget(true, rest);
  if (scheme === "ptcp" || scheme === "pssl") return validTarget(false, rest);
  return false;
}

/** Whether netplan hands a definition with openvswitch: to OVS: bonds and bridges always, others unless it holds only external-ids/other-config. */
function ovsBackend(ovs: Node | undefined, type: string): boolean {
  if (!isMap(ovs)) return false;
  if (type === "bonds" || type === "bridges") return true;
  return ovs.items.length === 0 || ovs.items.some((p) => !["external-ids", "other-config"].includes(scalarText(p.key) ?? ""));
}

export const invalidOpenvswitch: NetplanRule = {
  meta: {
    id: "netplan/invalid-openvswitch",
    severity: "error",
    doc: "Open vSwitch settings netplan rejects: lacp on anything but a bond, fail-mode/mcast-snooping/rstp/protocols/controller on anything but a bridge, a controller target it cannot read, a patch-port pair that is not two ports or reuses a port, a patch port in no bridge or bond, external-ids/other-config on an interface outside an OVS bridge or bond.",
  },
  check(ctx, report) {
    const { file } = ctx;
    const config = ctx.config();
    const members = new Set<string>();
    for (const d of config.definitions)
      if (d.type === "bonds" || d.type === "bridges") for (const m of seqScalars(valueAt(d.map, "interfaces"))) members.add(m.text);
    for (const def of config.definitions) {
      if (!def.source.current) continue;
      const ovsPair = pairOf(def.map, "openvswitch");
      const ovs = ovsPair?.value as Node | undefined;
      if (!isMap(ovs)) continue;
      for (const p of ovs.items as Pair[]) {
        const key = scalarText(p.key) ?? "";
        const wanted = onlyFor[key];
        if (wanted && def.type !== wanted)
          report(
            keyRangeOf(file, p),
            `${def.id}: openvswitch: ${key} applies to an Open vSwitch ${wanted === "bonds" ? "bond" : "bridge"} only, not to ${def.type}; netplan rejects the file.`,
          );
      }
      const controller = valueAt(ovs, "controller");
      for (const p of isMap(controller) ? (controller.items as Pair[]) : []) {
        const key = scalarText(p.key) ?? "";
        if ((key === "addresses" || key === "connection-mode") && def.type !== "bridges") {
          report(
            keyRangeOf(file, p),
            `${def.id}: openvswitch: controller: ${key} applies to an Open vSwitch bridge only; netplan rejects the file.`,
          );
          continue;
        }
        if (key !== "addresses") continue;
        for (const t of seqScalars(p.value)) {
          if (validControllerTarget(t.text)) continue;
          report(
            nodeRange(file, t.node, keyRangeOf(file, p)),
            `'${t.text}' is not a controller target netplan accepts: write unix:<path>, punix:<path>, tcp:<ip>[:<port>], ssl:<ip>[:<port>], ptcp:[<port>][:<ip>] or pssl:[<port>][:<ip>] (port 1-65535, IPv6 in brackets); netplan rejects the file.`,
          );
          break;
        }
      }
      const carries = ["external-ids", "other-config"].some((k) => {
        const m = valueAt(ovs, k);
        return isMap(m) && m.items.length > 0;
      });
      if (carries && !ovsBackend(ovs, def.type) && !members.has(def.id))
        report(
          ovsPair ? keyRangeOf(file, ovsPair) : def.keyRange,
          `${def.id}: external-ids and other-config are stored on the Open vSwitch port, so the interface must be a member of an OVS bridge or bond; netplan rejects the file.`,
        );
    }
    // network: openvswitch: ports: pairs of patch ports, read in every file in order.
    const peerOf = new Map<string, string>();
    const unassigned = new Set<string>();
    for (const source of config.sources) {
      const ports = valueAt(valueAt(valueAt(source.file.doc?.contents, "network"), "openvswitch"), "ports");
      if (!isSeq(ports)) continue;
      for (const pair of ports.items as Node[]) {
        const items = seqScalars(pair);
        if (!isSeq(pair) || pair.items.length !== 2 || items.length !== 2) {
          if (source.current)
            report(
              nodeRange(source.file, pair, source.file.rangeOf(0, 0)),
              "Each item of openvswitch: ports: is a pair of patch ports, [port, peer]: exactly two names; netplan rejects the file.",
            );
          continue;
        }
        const [a, b] = items as [(typeof items)[0], (typeof items)[0]];
        for (const [port, peer] of [
          [a, b],
          [b, a],
        ] as const) {
          const before = peerOf.get(port.text);
          if (before !== undefined && before !== peer.text) {
            if (source.current)
              report(
                nodeRange(source.file, port.node, source.file.rangeOf(0, 0)),
                `The patch port '${port.text}' is already paired with '${before}'; a patch port has one peer and netplan rejects the file.`,
              );
          } else peerOf.set(port.text, peer.text);
        }
        for (const port of [a, b])
          if (source.current && !members.has(port.text) && !unassigned.has(port.text) && unassigned.add(port.text))
            report(
              nodeRange(source.file, port.node, source.file.rangeOf(0, 0)),
              `The patch port '${port.text}' is in no bridge or bond: add it to the interfaces: of an Open vSwitch bridge or bond; netplan rejects the file.`,
            );
      }
    }
  },
};
