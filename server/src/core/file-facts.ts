import { lstatSync, statSync } from "node:fs";

/**
 * What the file system says about a file on this machine: owner, mode, hard
 * links and, for a symlink, the link's own owner and whether its target
 * exists. Read only for files some rule asks about (see `wantsFileFacts`);
 * undefined when the file cannot be read (an unsaved or remote document).
 */
export interface FileFacts {
  uid: number;
  mode: number;
  links: number;
  symlink?: { uid: number; dangling: boolean };
}

export function readFileFacts(path: string): FileFacts | undefined {
  try {
    const own = lstatSync(path);
    if (!own.isSymbolicLink()) return { uid: own.uid, mode: own.mode, links: own.nlink };
    try {
      const target = statSync(path);
      return { uid: target.uid, mode: target.mode, links: target.nlink, symlink: { uid: own.uid, dangling: false } };
    } catch {
      return { uid: own.uid, mode: own.mode, links: own.nlink, symlink: { uid: own.uid, dangling: true } };
    }
  } catch {
    return undefined;
  }
}

/**
 * The files whose metadata a rule reads: the live system crontabs and logrotate configs (cron and
 * logrotate skip them for their owner or mode).
 */
export function wantsFileFacts(path: string): boolean {
  return (
    path === "/etc/crontab" ||
    /^\/etc\/cron\.d\/[^/]+$/.test(path) ||
    path === "/etc/logrotate.conf" ||
    /^\/etc\/logrotate\.d\/[^/]+$/.test(path)
  );
}
