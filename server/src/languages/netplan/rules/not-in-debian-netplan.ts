import type { NetplanRule } from "../rule.js";

export const notInDebianNetplan: NetplanRule = {
  meta: {
    id: "netplan/not-in-debian-netplan",
    severity: "error",
    doc: "A key newer than netplan 0.106, the version of Debian 12 (bookworm) and the default target (etcetera.netplan.version): that netplan rejects the file as an unknown key. Silent when the target is a newer netplan.",
  },
  check(ctx, report) {
    if (ctx.version !== "0.106") return;
    for (const e of ctx.file.entries) {
      const info = e.schema?.info;
      if (!info || info.debian) continue;
      if (e.parentEntry?.schema?.info && !e.parentEntry.schema.info.debian) continue;
      report(
        e.keyRange,
        `'${e.key}' is new in netplan ${info.firstTag}: netplan 0.106 (Debian 12, the target version) does not know it and rejects the file. Remove it, or set etcetera.netplan.version to a newer netplan.`,
      );
    }
  },
};
