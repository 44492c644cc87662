import { readFileSync, statSync } from "node:fs";
import { dirname } from "node:path";
import { inheritedFromConf } from "../config-set.js";
import { effective } from "../effective.js";
import type { LogrotateRule } from "../rule.js";
import { logrotateVersion } from "../version.js";

/**
 * Whether logrotate (as root, without `su`) refuses to rotate in this directory: checked with
 * logrotate -d 3.21: writable by others (sticky bit or not), or writable by a group other than
 * root's (gid 0). Refused even when the log itself is missing.
 */
function insecure(dir: string): { mode: number; gid: number } | undefined {
  try {
    const info = statSync(dir);
    if (!info.isDirectory()) return undefined;
    const bad = (info.mode & 0o002) !== 0 || (info.gid !== 0 && (info.mode & 0o020) !== 0);
    return bad ? { mode: info.mode & 0o7777, gid: info.gid } : undefined;
  } catch {
    return undefined;
  }
}

/** The name of a group on this host (from /etc/group), or its number. */
function groupName(gid: number): string {
  try {
    const line = readFileSync("/etc/group", "utf8")
      .split("\n")
      .find((l) => l.split(":")[2] === String(gid));
    return line?.split(":")[0] || String(gid);
  } catch {
    return String(gid);
  }
}

/** The configs to look for a global `su` in: the workspace's, or this host's logrotate.conf. */
function configsWithConf(configs: readonly { path: string; text: string }[]): readonly { path: string; text: string }[] {
  if (configs.some((c) => c.path === "/etc/logrotate.conf")) return configs;
  try {
    return [...configs, { path: "/etc/logrotate.conf", text: readFileSync("/etc/logrotate.conf", "utf8") }];
  } catch {
    return configs;
  }
}

export const insecureLogDir: LogrotateRule = {
  meta: {
    id: "logrotate/insecure-log-dir",
    severity: "error",
    doc: "A log on this machine whose directory its group (other than root) or everyone can write, in a block without `su`: logrotate refuses to rotate there ('parent directory has insecure permissions') on every run, so the log grows until the disk is full. Add `su USER GROUP` (the directory's owner) or tighten the directory.",
  },
  check(ctx, report) {
    // Only a config installed on this host (it has file facts) says anything about this host's directories.
    if (!ctx.fileFacts) return;
    let globalSu: string | undefined | null = null;
    for (const block of ctx.file.blocks) {
      if (effective(ctx.file, block).get("su")) continue;
      if (globalSu === null)
        globalSu = inheritedFromConf(ctx.path, configsWithConf(ctx.workspace.logrotateConfigs?.() ?? []), logrotateVersion(ctx.settings), [
          "su",
        ]);
      if (globalSu) return;
      for (const p of block.patterns) {
        const dir = dirname(p.text);
        // A directory part with a glob stands for directories we would have to expand; leave those to logrotate.
        if (!p.text.startsWith("/") || /[*?[]/.test(dir)) continue;
        const found = insecure(dir);
        if (!found) continue;
        const who = found.mode & 0o002 ? "everyone" : `the group ${groupName(found.gid)}`;
        report(
          p.range,
          `logrotate refuses to rotate ${p.text}: its directory ${dir} (mode ${found.mode.toString(8).padStart(4, "0")}) is writable by ${who}, and the block has no 'su', so every run fails with 'parent directory has insecure permissions' and the log keeps growing. Add 'su <owner> <group>' of ${dir} to the block, or make the directory writable only by its owner.`,
        );
      }
    }
  },
};
