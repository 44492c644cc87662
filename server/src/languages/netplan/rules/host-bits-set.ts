import { isScalar } from "yaml";
import { nodeRange, scalarText } from "../model.js";
import type { NetplanRule } from "../rule.js";
import { formatAddress, networkOf, parseCidr } from "../values.js";

export const hostBitsSet: NetplanRule = {
  meta: {
    id: "netplan/host-bits-set",
    severity: "warning",
    doc: "A route's to: or a routing-policy's from:/to: written as a host address with a prefix (10.0.0.5/24 instead of 10.0.0.0/24): networkd refuses such a route or rule, and NetworkManager silently uses the network. Quick fix: the network address.",
  },
  check(ctx, report) {
    const { file } = ctx;
    for (const e of file.entries) {
      const h = e.schema?.info?.handler;
      if (h !== "handle_routes_destination" && h !== "handle_ip_rule_ip" && !(h === "handle_routes_ip" && e.key === "from")) continue;
      if (!e.value || !isScalar(e.value)) continue;
      const text = scalarText(e.value) ?? "";
      if (!text.includes("/")) continue;
      const c = parseCidr(text);
      if (!c) continue;
      const net = networkOf(c.address, c.family, c.prefix);
      if (net === c.address) continue;
      const fixed = `${formatAddress(net, c.family)}/${c.prefix}`;
      const range = nodeRange(file, e.value, e.keyRange);
      const what = e.parentEntry?.key === "routing-policy" ? "A routing-policy" : "A route";
      report(
        range,
        `${what} ${e.key}: takes a network, but ${text} has host bits set: the network is ${fixed}. networkd refuses it; write ${fixed} (or a /${c.family === 4 ? 32 : 128} for one host).`,
        [{ title: `Write ${fixed}`, edits: [{ range, newText: fixed }], preferred: true }],
      );
    }
  },
};
