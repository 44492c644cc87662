import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { Node } from "yaml";
import { keyRangeOf, pairOf } from "../model.js";
import type { NetplanRule } from "../rule.js";

/** The header cloud-init writes above the netplan file it generates. */
const generatedHeader = /generated from information provided by the\s+(#\s*)?datasource/i;

/**
 * On this host: whether cloud-init will leave the file alone, because it is not installed or its
 * network configuration is disabled (`network: {config: disabled}` in /etc/cloud/cloud.cfg(.d)).
 */
function cloudInitLeavesItAlone(): boolean {
  try {
    statSync("/etc/cloud");
  } catch {
    return true;
  }
  const files = ["/etc/cloud/cloud.cfg"];
  try {
    for (const n of readdirSync("/etc/cloud/cloud.cfg.d")) if (n.endsWith(".cfg")) files.push(join("/etc/cloud/cloud.cfg.d", n));
  } catch {
    // no cloud.cfg.d: only cloud.cfg counts
  }
  return files.some((f) => {
    try {
      return /config:\s*["']?disabled/.test(readFileSync(f, "utf8"));
    } catch {
      return false;
    }
  });
}

export const cloudInitManaged: NetplanRule = {
  meta: {
    id: "netplan/cloud-init-managed",
    severity: "info",
    doc: "An edit to the netplan file cloud-init generates (`50-cloud-init.yaml`): cloud-init writes it again from the datasource at boot, so the change is lost on the next reboot unless cloud-init's network configuration is disabled (`network: {config: disabled}` in /etc/cloud/cloud.cfg.d/99-disable-network-config.cfg). On this machine the rule stays silent when cloud-init is absent or disabled.",
  },
  check(ctx, report) {
    if (basename(dirname(ctx.path)) !== "netplan") return;
    if (basename(ctx.path) !== "50-cloud-init.yaml" && !generatedHeader.test(ctx.file.text)) return;
    // The live file (this host's, as saved): ask this host whether cloud-init will rewrite it.
    if (ctx.path.startsWith("/etc/netplan/") && savedText(ctx.path) === ctx.file.text && cloudInitLeavesItAlone()) return;
    const network = pairOf(ctx.file.doc?.contents as Node | null | undefined, "network");
    report(
      network ? keyRangeOf(ctx.file, network) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      "cloud-init generates this file and writes it again at boot, so edits here are lost on the next reboot. Disable cloud-init's network configuration first (network: {config: disabled} in /etc/cloud/cloud.cfg.d/99-disable-network-config.cfg), or keep the change in a file of your own.",
    );
  },
};

function savedText(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}
