/**
 * Why Debian's cron skips a system crontab file (/etc/crontab, /etc/cron.d/*)
 * as a whole, from its owner, mode and links: plain data in, plain reasons
 * out, so the same check serves a file on this machine (the CLI and the
 * editor, through core/file-facts.ts) and an installed file on a host (the
 * deploy helper, from `stat` output). Each reason was checked against the
 * daemon (cron 3.0pl1-162), which logs the words in `cronSays`:
 * group- or other-writable → "INSECURE MODE (group/other writable)", owner
 * not root → "WRONG FILE OWNER", a symlink not owned by root → "WRONG SYMLINK
 * OWNER", a symlink to nothing → "CAN'T OPEN SYMLINK", more than one hard link
 * → "NUMBER OF HARD LINKS > 1". A root-owned symlink to a root-owned file, any
 * group owner, and modes 0600 or 0755 are fine.
 */

export interface CronFileFacts {
  /** Owner, mode and link count of the file (the symlink's target when the path is a symlink). */
  uid: number;
  /** st_mode or just the permission bits (only 0o022 matters). */
  mode: number;
  links: number;
  /** When the path is a symlink: the link's own owner, and whether its target exists. */
  symlink?: { uid: number; dangling: boolean };
}

export interface SkipReason {
  code: "insecure-mode" | "wrong-owner" | "wrong-symlink-owner" | "dangling-symlink" | "hard-links";
  /** What the daemon logs when it skips the file. */
  cronSays: string;
  /** Our sentence for the user. */
  message: string;
}

/** Why cron skips the file, empty when it reads it. */
export function cronFileSkipReasons(facts: CronFileFacts): SkipReason[] {
  const out: SkipReason[] = [];
  if (facts.symlink?.dangling)
    return [{ code: "dangling-symlink", cronSays: "CAN'T OPEN SYMLINK", message: "it is a symlink to a file that does not exist" }];
  if (facts.symlink && facts.symlink.uid !== 0)
    out.push({
      code: "wrong-symlink-owner",
      cronSays: "WRONG SYMLINK OWNER",
      message: `the symlink is owned by uid ${facts.symlink.uid}, not root`,
    });
  if (facts.uid !== 0)
    out.push({
      code: "wrong-owner",
      cronSays: "WRONG FILE OWNER",
      message: `${facts.symlink ? "the file it points to" : "it"} is owned by uid ${facts.uid}, not root (chown root)`,
    });
  if (facts.mode & 0o022)
    out.push({
      code: "insecure-mode",
      cronSays: "INSECURE MODE (group/other writable)",
      message: `its mode ${(facts.mode & 0o7777).toString(8).padStart(4, "0")} lets ${facts.mode & 0o020 ? "the group" : "everyone"} write it (chmod go-w)`,
    });
  if (facts.links > 1)
    out.push({
      code: "hard-links",
      cronSays: "NUMBER OF HARD LINKS > 1",
      message: `it has ${facts.links} hard links (cron wants exactly one)`,
    });
  return out;
}
