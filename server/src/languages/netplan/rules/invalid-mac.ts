import { isScalar } from "yaml";
import { nodeRange, scalarText } from "../model.js";
import type { NetplanRule } from "../rule.js";
import { isMac } from "../values.js";

/** Words netplan 1.0 and later take instead of an address for a definition's own macaddress. */
const specialWords = ["permanent", "random", "stable", "preserve", "stable-ssid"];

export const invalidMac: NetplanRule = {
  meta: {
    id: "netplan/invalid-mac",
    severity: "error",
    doc: "A MAC address netplan rejects: it must be six (or, for InfiniBand, twenty) colon-separated hex pairs; netplan 1.0 and later also take permanent, random, stable, preserve (and stable-ssid for Wi-Fi) for the address to set.",
  },
  check(ctx, report) {
    const { file } = ctx;
    for (const e of file.entries) {
      const h = e.schema?.info?.handler;
      if (!h || !/^handle_(netdef_set_mac|netdef_match_mac|netdef_mac|access_point_mac)$/.test(h)) continue;
      const v = e.value;
      if (!v || !isScalar(v)) continue;
      const text = scalarText(v) ?? "";
      if (isMac(text)) continue;
      const specialOk = h === "handle_netdef_set_mac" && ctx.version !== "0.106";
      if (specialOk && specialWords.includes(text)) continue;
      const dashes = /^[0-9a-fA-F]{2}(-[0-9a-fA-F]{2}){5}$/.test(text);
      const hint = dashes
        ? ` Write it with colons: ${text.replaceAll("-", ":")}.`
        : h === "handle_netdef_set_mac" && specialWords.includes(text)
          ? ` '${text}' is understood from netplan 1.0 on; netplan ${ctx.version} only takes an address.`
          : "";
      const fixes = dashes
        ? [
            {
              title: `Write ${text.replaceAll("-", ":")}`,
              edits: [{ range: nodeRange(file, v, e.keyRange), newText: text.replaceAll("-", ":") }],
            },
          ]
        : [];
      report(nodeRange(file, v, e.keyRange), `'${text}' is not a MAC address (XX:XX:XX:XX:XX:XX); netplan rejects the file.${hint}`, fixes);
    }
  },
};
