import { statSync } from "node:fs";
import type { NetplanRule } from "../rule.js";

export const filePermissions: NetplanRule = {
  meta: {
    id: "netplan/file-permissions",
    severity: "warning",
    doc: "A netplan file on disk that its group or others can read: netplan warns on every run (it may hold Wi-Fi passwords and WireGuard keys). chmod 600 it.",
  },
  check(ctx, report) {
    let mode: number;
    try {
      const info = statSync(ctx.path);
      if (!info.isFile()) return;
      mode = info.mode & 0o777;
    } catch {
      return;
    }
    if ((mode & 0o077) === 0) return;
    report(
      { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      `This file's mode is ${mode.toString(8).padStart(3, "0")}: group or others can read it, and netplan warns that it is too open (it may hold passwords and keys). Run chmod 600 ${ctx.path}.`,
    );
  },
};
