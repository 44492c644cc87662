import { readFileSync } from "node:fs";

/** A memory figure of a running process from /proc/PID/status, in KiB (VmHWM: peak resident set; VmRSS: now). */
export function procMemoryKiB(pid: number | undefined, field: "VmHWM" | "VmRSS"): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}
