import type { NetplanRule } from "../rule.js";

export const notInDebianNetplan: NetplanRule = {
  meta: {
    id: "netplan/not-in-debian-netplan",
    severity: "info",
    doc: "A key newer than netplan 0.106, the version of Debian 12 (bookworm): that netplan rejects the file as an unknown key.",
  },
  check(ctx, report) {
    for (const e of ctx.file.entries) {
      const info = e.schema?.info;
      if (!info || info.debian) continue;
      if (e.parentEntry?.schema?.info && !e.parentEntry.schema.info.debian) continue;
      report(e.keyRange, `'${e.key}' is new in netplan ${info.firstTag}: Debian 12's netplan 0.106 does not know it and rejects the file.`);
    }
  },
};
