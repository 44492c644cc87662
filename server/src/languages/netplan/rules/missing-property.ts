import { isMap, isSeq, type Node } from "yaml";
import type { NetplanVersion } from "../../../core/settings.js";
import { type Definition, pairOf, rendererOf, scalarText, valueAt } from "../model.js";
import type { NetplanRule } from "../rule.js";
import { isIp4, isIp6, isWireguardKey } from "../values.js";

/** What the checks depend on besides the definition: the target netplan version and the definition's renderer. */
interface Target {
  version: NetplanVersion;
  renderer: string;
}

const ipv6Modes = ["ipip6", "ip6ip6", "ip6gre", "ip6gretap", "vti6"];

/** What netplan knows of a definition when it validates it: every occurrence up to the file being read. */
function known(defs: Definition[]) {
  const has = (key: string) => defs.some((d) => pairOf(d.map, key));
  const last = (key: string): Node | undefined => {
    let n: Node | undefined;
    for (const d of defs) n = valueAt(d.map, key) ?? n;
    return n;
  };
  return { defs, has, last, text: (key: string) => scalarText(last(key)) };
}

/** The private key of a tunnel: `key: X` or `keys: {private: X}`. */
function privateKey(k: ReturnType<typeof known>): string | undefined {
  const key = k.last("key") ?? k.last("keys");
  if (!key) return undefined;
  return isMap(key) ? scalarText(valueAt(key, "private")) : scalarText(key);
}

/** The problems of one definition as netplan's grammar validation finds them (first one only, as netplan stops there). */
function problemOf(type: string, id: string, k: ReturnType<typeof known>, target: Target): string | undefined {
  if (k.has("set-name") && !k.has("match"))
    return `${id}: set-name: renames an interface found by match:; without match: netplan rejects the file. Add match: (e.g. macaddress:) or drop set-name:.`;
  const aps = k.last("access-points");
  if (type === "wifis" && (!aps || (isMap(aps) && aps.items.length === 0)))
    return `${id}: a Wi-Fi definition needs access-points: (the networks to join); netplan rejects the file.`;
  if (type === "vlans") {
    if (!k.has("link")) return `${id}: a VLAN needs link: (the interface it is on); netplan rejects the file.`;
    if (!k.has("id")) return `${id}: a VLAN needs id: (0-4094); netplan rejects the file.`;
  }
  if (type === "vrfs" && !k.has("table")) return `${id}: a VRF needs table: (its routing table number); netplan rejects the file.`;
  if (type === "tunnels") {
    const mode = k.text("mode");
    if (!mode) return `${id}: a tunnel needs mode: (gre, ipip, sit, vxlan, wireguard, ...); netplan rejects the file.`;
    if (mode === "wireguard") {
      const key = privateKey(k);
      // From 1.1 a missing key, missing peers or a peer without allowed-ips are warnings of netplan's (validation.c),
      // except a tunnel rendered by networkd with no key at all, which netplan's networkd writer cannot write.
      const lenient = target.version !== "0.106";
      const keyFlags = isMap(k.last("key") ?? k.last("keys")) && pairOf(k.last("key") ?? k.last("keys"), "private-key-flags");
      if (!key && !(lenient && (keyFlags || target.renderer !== "networkd")))
        return `${id}: a WireGuard tunnel needs its private key (key: or keys.private:); netplan rejects the file.`;
      if (!key) return undefined;
      if (!key.startsWith("/") && !isWireguardKey(key))
        return `${id}: the private key is neither a WireGuard key (44 characters of base64 ending in =) nor an absolute file path; netplan rejects the file.`;
      const peers = k.last("peers");
      if (!isSeq(peers) || peers.items.length === 0)
        return lenient ? undefined : `${id}: a WireGuard tunnel needs at least one entry in peers:; netplan rejects the file.`;
      for (const peer of peers.items) {
        const keys = valueAt(peer, "keys");
        const pub = scalarText(valueAt(keys, "public"));
        if (!pub) return `${id}: every WireGuard peer needs keys.public:; netplan rejects the file.`;
        if (!isWireguardKey(pub))
          return `${id}: a peer's public key is not a WireGuard key (44 characters of base64 ending in =); netplan rejects the file.`;
        const shared = scalarText(valueAt(keys, "shared"));
        if (shared && !shared.startsWith("/") && !isWireguardKey(shared))
          return `${id}: a peer's shared key is neither a WireGuard key nor an absolute file path; netplan rejects the file.`;
        const allowed = valueAt(peer, "allowed-ips");
        if ((!isSeq(allowed) || allowed.items.length === 0) && !lenient)
          return `${id}: every WireGuard peer needs allowed-ips:; netplan rejects the file.`;
      }
      return undefined;
    }
    const local = k.text("local");
    const remote = k.text("remote");
    if (mode !== "vxlan") {
      if (!local) return `${id}: a ${mode} tunnel needs local: (this end's address); netplan rejects the file.`;
      if (!remote) return `${id}: a ${mode} tunnel needs remote: (the other end's address); netplan rejects the file.`;
    }
    if (ipv6Modes.includes(mode)) {
      if (local && !isIp6(local)) return `${id}: local: must be an IPv6 address for a ${mode} tunnel; netplan rejects the file.`;
      if (remote && !isIp6(remote)) return `${id}: remote: must be an IPv6 address for a ${mode} tunnel; netplan rejects the file.`;
    } else if (mode === "vxlan") {
      if (local && remote && isIp6(local) !== isIp6(remote))
        return `${id}: local: and remote: must be of the same IP family; netplan rejects the file.`;
      if (!k.has("id")) return `${id}: a VXLAN tunnel needs id: (the VNI, 1-16777215); netplan rejects the file.`;
    } else if (["ipip", "sit", "gre", "gretap", "vti", "isatap"].includes(mode)) {
      if (local && !isIp4(local)) return `${id}: local: must be an IPv4 address for a ${mode} tunnel; netplan rejects the file.`;
      if (remote && !isIp4(remote)) return `${id}: remote: must be an IPv4 address for a ${mode} tunnel; netplan rejects the file.`;
    }
  }
  if (type === "nm-devices" && !k.defs.some((d) => pairOf(valueAt(valueAt(d.map, "networkmanager"), "passthrough"), "connection.type")))
    return `${id}: an nm-devices definition must give NetworkManager its connection type under networkmanager: passthrough: (connection.type: ...); netplan rejects the file.`;
  if (k.has("ipv6-address-generation") && k.has("ipv6-address-token"))
    return `${id}: ipv6-address-generation: and ipv6-address-token: exclude each other; netplan rejects the file. Keep one.`;
  return undefined;
}

export const missingProperty: NetplanRule = {
  meta: {
    id: "netplan/missing-property",
    severity: "error",
    doc: "A definition netplan rejects as incomplete: set-name without match, a Wi-Fi without access points, a VLAN without link or id, a VRF without table, a tunnel without mode, endpoints or valid WireGuard keys, an nm-devices definition without a passthrough connection.type.",
  },
  check(ctx, report) {
    const config = ctx.config();
    const current = config.sources.find((s) => s.current);
    for (const def of config.definitions) {
      if (def.source !== current || !def.map) continue;
      const upTo = (config.byId.get(def.id) ?? []).filter((d) => d.order <= def.order && d.type === def.type);
      // netplan validates a definition each time a file defines it; report once, at the last occurrence in this file.
      const inFile = upTo.filter((d) => d.source === current);
      if (inFile[inFile.length - 1] !== def) continue;
      const problem = problemOf(def.type, def.id, known(upTo), { version: ctx.version, renderer: rendererOf(config, def) });
      if (!problem) continue;
      report(def.keyRange, problem);
    }
  },
};
