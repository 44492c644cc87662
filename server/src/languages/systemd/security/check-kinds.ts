/**
 * One function per kind of check: each reads a SecurityInfo and returns a
 * badness between 0 and the check's range, or null when the check does not
 * apply, with a description when the verdict needs more than good/bad.
 */
import { groupMembers } from "./syscalls.js";
import type { BoolSetting, FamilyClass, SecurityInfo } from "./types.js";

export interface Verdict {
  badness: number | null;
  description?: string;
}

export type Assess = (info: SecurityInfo) => Verdict;

const isRoot = (user: string | undefined) => user === "root" || user === "0";

/** Root unless a non-root user is set or DynamicUser= picks one. */
export function runsPrivileged(info: SecurityInfo): boolean {
  if (isRoot(info.user)) return true;
  if (info.dynamicUser) return false;
  return info.user === undefined || info.user === "";
}

export const assessUser: Assess = (info) => {
  if (info.user === "nobody") return { badness: 9, description: "Runs as 'nobody', a user shared with unrelated programs" };
  if (info.dynamicUser && !isRoot(info.user)) return { badness: 0, description: "Runs as a user allocated for it when it starts" };
  if (info.user && !isRoot(info.user)) return { badness: 0, description: "Runs as a fixed non-root user" };
  return { badness: 10 };
};

export const assessSupplementaryGroups: Assess = (info) =>
  runsPrivileged(info) ? { badness: null } : { badness: info.supplementaryGroups.length > 0 ? 1 : 0 };

export const assessRemoveIpc: Assess = (info) => (runsPrivileged(info) ? { badness: null } : { badness: info.flags.RemoveIPC ? 0 : 1 });

/** A boolean setting that hardens when on (or, inverted, when off: Delegate=). */
export const assessFlag =
  (flag: BoolSetting, inverted = false): Assess =>
  (info) => ({ badness: info.flags[flag] === inverted ? 1 : 0 });

export const assessProtectHome: Assess = (info) => {
  switch (info.protectHome) {
    case "yes":
      return { badness: 0, description: "Sees no home directories" };
    case "read-only":
      return { badness: 5, description: "May read home directories but not write them" };
    case "tmpfs":
      return { badness: 1, description: "Sees empty stand-ins for home directories" };
    default:
      return { badness: 10, description: "May read and write every home directory" };
  }
};

export const assessProtectSystem: Assess = (info) => {
  switch (info.protectSystem) {
    case "strict":
      return { badness: 0, description: "The whole OS file hierarchy is read-only for it" };
    case "full":
      return { badness: 3, description: "/usr, /boot and /etc are read-only for it" };
    case "yes":
      return { badness: 5, description: "/usr and /boot are read-only for it, /etc is writable" };
    default:
      return { badness: 10, description: "May write anywhere in the OS file hierarchy" };
  }
};

const emptyOrRoot = (p: string | undefined) => p === undefined || p === "" || /^\/+$/.test(p);

export const assessRootDirectory: Assess = (info) => ({
  badness: emptyOrRoot(info.rootDirectory) && emptyOrRoot(info.rootImage) ? 1 : 0,
});

export const assessCapabilities =
  (bits: bigint): Assess =>
  (info) => ({ badness: (info.capabilityBoundingSet & bits) !== 0n ? 1 : 0 });

export const assessAmbient: Assess = (info) => ({ badness: info.ambientCapabilities !== 0n ? 1 : 0 });

export const assessUmask: Assess = (info) => {
  const m = info.umask;
  if (!(m & 0o002)) return { badness: 10, description: "New files are writable by everyone" };
  if (!(m & 0o004)) return { badness: 5, description: "New files are readable by everyone" };
  if (!(m & 0o020)) return { badness: 2, description: "New files are writable by the group" };
  if (!(m & 0o040)) return { badness: 1, description: "New files are readable by the group" };
  return { badness: 0, description: "New files are private to the service's user" };
};

export const assessKeyring: Assess = (info) => ({ badness: info.keyringMode === "private" ? 0 : 1 });

export const assessProtectProc: Assess = (info) => ({
  badness: info.protectProc === "noaccess" ? 1 : info.protectProc === "invisible" || info.protectProc === "ptraceable" ? 0 : 3,
});

export const assessProcSubset: Assess = (info) => ({ badness: info.procSubset === "pid" ? 0 : 1 });

export const assessNotifyAccess: Assess = (info) => ({ badness: info.notifyAccess === "all" ? 1 : 0 });

export const assessNamespace =
  (ns: string): Assess =>
  (info) => ({ badness: info.allowedNamespaces.has(ns) ? 1 : 0 });

export const assessFamily =
  (cls: FamilyClass): Assess =>
  (info) => ({ badness: info.restrictAddressFamily[cls] ? 0 : 1 });

export const assessArchitectures: Assess = (info) => {
  if (info.systemCallArchitectures.size === 0) return { badness: 10, description: "May make system calls of any ABI" };
  if (info.systemCallArchitectures.has("native")) return { badness: 0, description: "May make system calls of the native ABI only" };
  return { badness: 8, description: "May make system calls of several ABIs" };
};

export const assessSyscallGroup =
  (group: string): Assess =>
  (info) => {
    const set = info.systemCallFilter;
    const allowList = info.systemCallFilterAllowList;
    if (!allowList && set.size === 0) return { badness: 10, description: "No system call filter" };
    // The first member the filter lets through, in the group's own order.
    const offender = groupMembers(group).find((m) => set.has(m) === allowList);
    if (allowList) {
      return offender
        ? { badness: 9, description: `The allow list lets ${group} through (${offender}, for one)` }
        : { badness: 0, description: `The allow list keeps ${group} out` };
    }
    return offender
      ? { badness: 10, description: `The deny list misses part of ${group} (${offender}, for one)` }
      : { badness: 0, description: `The deny list covers ${group}` };
  };

export const assessIpAddress: Assess = (info) => {
  if (info.ipFiltersCustom) return { badness: 0, description: "Filters its traffic with its own BPF programs" };
  if (!info.ipAddressDenyAll) return { badness: 10, description: "May reach any IP address" };
  if (info.ipAddressAllowOther) return { badness: 5, description: "May reach only listed addresses, some beyond localhost" };
  if (info.ipAddressAllowLocalhost) return { badness: 2, description: "May reach localhost only" };
  return { badness: 0, description: "May reach no IP address" };
};

export const assessDeviceAllow: Assess = (info) => {
  if (info.devicePolicy !== "strict" && info.devicePolicy !== "closed") return { badness: 10, description: "May open any device node" };
  if (info.deviceAllow.length > 0) return { badness: 5, description: `May open only some devices: ${info.deviceAllow.join(" ")}` };
  return { badness: 0, description: "May open only the basic pseudo devices" };
};
