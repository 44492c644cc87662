/**
 * Why logrotate 3.21 (run as root, as Debian's logrotate.service does) ignores a config file as a
 * whole, from its owner and mode: plain data in, plain reasons out. Checked with logrotate -d:
 * a file not owned by uid 0 is ignored wherever it is ("the file owner is wrong"); a file in an
 * included directory (logrotate.d) that its group or others can write is ignored ("writable by
 * group or others"), whatever its group; a file named on the command line (logrotate.conf) with
 * such a mode only draws a warning. Other bits (0755, setuid) and the group owner do not matter.
 */
export interface LogrotateFileFacts {
  uid: number;
  /** st_mode or just the permission bits. */
  mode: number;
}

export interface LogrotateSkipReason {
  code: "wrong-owner" | "insecure-mode";
  /** What logrotate prints when it ignores the file. */
  logrotateSays: string;
  message: string;
}

export function logrotateFileSkipReasons(facts: LogrotateFileFacts, inIncludedDir: boolean): LogrotateSkipReason[] {
  const out: LogrotateSkipReason[] = [];
  if (facts.uid !== 0)
    out.push({
      code: "wrong-owner",
      logrotateSays: "the file owner is wrong (should be root or user with uid 0)",
      message: `it is owned by uid ${facts.uid}, not root (chown root)`,
    });
  if (inIncludedDir && facts.mode & 0o022)
    out.push({
      code: "insecure-mode",
      logrotateSays: "it is writable by group or others",
      message: `its mode ${(facts.mode & 0o7777).toString(8).padStart(4, "0")} lets ${facts.mode & 0o020 ? "the group" : "others"} write it (chmod 644)`,
    });
  return out;
}
