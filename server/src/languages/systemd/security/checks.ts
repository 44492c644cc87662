/**
 * The checks of `systemd-analyze security`, in systemd's order: systemd's
 * name for the row, its json_field as our id,
 * weight and range (facts of src/analyze/analyze-security.c), how the check
 * is judged, and what a good or bad verdict means, in our words.
 *
 * v252 through v256 score alike: their analyze-security.c differ only in
 * wording (v256 swaps the good and bad text of CAP_BPF) and their system-call
 * groups only by @sandbox, whose members no scored group contains.
 */
import { capabilityBits } from "./capabilities.js";
import * as K from "./check-kinds.js";

export interface Check {
  /** systemd's row name (`CapabilityBoundingSet=~CAP_SYS_ADMIN`). */
  name: string;
  /** systemd's json_field: the stable id (`CapabilityBoundingSet_CAP_SYS_ADMIN`). */
  id: string;
  weight: number;
  range: number;
  assess: K.Assess;
  good?: string;
  bad?: string;
  notApplicable?: string;
  /** Skipped for services with DefaultDependencies=no (early boot). */
  defaultDependenciesOnly?: boolean;
  /** The setting that fixes it, for quick fixes and hover: `ProtectSystem=strict`. */
  fix?: string;
}

const flag = (name: string, weight: number, good: string, bad: string, extra: Partial<Check> = {}): Check => ({
  name: `${name}=`,
  id: name,
  weight,
  range: 1,
  assess: K.assessFlag(name as Parameters<typeof K.assessFlag>[0]),
  good,
  bad,
  fix: `${name}=yes`,
  ...extra,
});

const cap = (label: string, id: string, weight: number, caps: string[], good: string, bad: string): Check => ({
  name: `CapabilityBoundingSet=~${label}`,
  id: `CapabilityBoundingSet_${id}`,
  weight,
  range: 1,
  assess: K.assessCapabilities(capabilityBits(...caps)),
  good,
  bad,
  fix: `CapabilityBoundingSet=~${caps.join(" ")}`,
});

const ns = (name: string, weight: number, what: string): Check => ({
  name: `RestrictNamespaces=~${name}`,
  id: `RestrictNamespaces_${name}`,
  weight,
  range: 1,
  assess: K.assessNamespace(name),
  good: `Cannot create ${what} namespaces`,
  bad: `May create ${what} namespaces`,
  fix: `RestrictNamespaces=~${name}`,
});

const family = (
  label: string,
  id: string,
  weight: number,
  cls: Parameters<typeof K.assessFamily>[0],
  what: string,
  fix: string,
): Check => ({
  name: `RestrictAddressFamilies=~${label}`,
  id: `RestrictAddressFamilies_${id}`,
  weight,
  range: 1,
  assess: K.assessFamily(cls),
  good: `Cannot open ${what} sockets`,
  bad: `May open ${what} sockets`,
  fix,
});

const syscalls = (group: string, weight: number): Check => ({
  name: `SystemCallFilter=~@${group}`,
  id: `SystemCallFilter_${group.replace(/-/g, "_")}`,
  weight,
  range: 10,
  assess: K.assessSyscallGroup(`@${group}`),
  fix: `SystemCallFilter=~@${group}`,
});

export const checks: readonly Check[] = [
  {
    name: "User=/DynamicUser=",
    id: "UserOrDynamicUser",
    weight: 2000,
    range: 10,
    assess: K.assessUser,
    bad: "Runs as root",
    fix: "DynamicUser=yes",
  },
  {
    name: "SupplementaryGroups=",
    id: "SupplementaryGroups",
    weight: 200,
    range: 1,
    assess: K.assessSupplementaryGroups,
    good: "Belongs to no extra groups",
    bad: "Belongs to extra groups",
    notApplicable: "Runs as root, so extra groups change nothing",
  },
  flag("PrivateDevices", 1000, "Sees no hardware devices", "May see hardware devices"),
  flag("PrivateMounts", 1000, "Cannot add mounts for the whole system", "May add mounts for the whole system"),
  flag("PrivateNetwork", 2500, "Has no access to the host's network", "Has access to the host's network"),
  flag("PrivateTmp", 1000, "Has a /tmp of its own", "Shares /tmp and /var/tmp with other programs", { defaultDependenciesOnly: true }),
  flag("PrivateUsers", 1000, "Sees no other users", "Sees every user of the host"),
  flag("ProtectControlGroups", 1000, "Cannot change the cgroup file system", "May change the cgroup file system"),
  flag("ProtectKernelModules", 1000, "Cannot load or read kernel modules", "May load or read kernel modules"),
  flag("ProtectKernelTunables", 1000, "Cannot change kernel settings (/proc/sys, /sys)", "May change kernel settings"),
  flag("ProtectKernelLogs", 1000, "Cannot read or write the kernel log", "May read or write the kernel log"),
  flag("ProtectClock", 1000, "Cannot set the system or hardware clock", "May set the system or hardware clock"),
  {
    name: "ProtectHome=",
    id: "ProtectHome",
    weight: 1000,
    range: 10,
    assess: K.assessProtectHome,
    defaultDependenciesOnly: true,
    fix: "ProtectHome=yes",
  },
  flag("ProtectHostname", 50, "Cannot change the host or domain name", "May change the host or domain name"),
  {
    name: "ProtectSystem=",
    id: "ProtectSystem",
    weight: 1000,
    range: 10,
    assess: K.assessProtectSystem,
    defaultDependenciesOnly: true,
    fix: "ProtectSystem=strict",
  },
  {
    name: "RootDirectory=/RootImage=",
    id: "RootDirectoryOrRootImage",
    weight: 200,
    range: 1,
    assess: K.assessRootDirectory,
    good: "Runs in a root directory or image of its own",
    bad: "Runs in the host's root directory",
    defaultDependenciesOnly: true,
  },
  flag("LockPersonality", 100, "Cannot switch its execution domain (personality)", "May switch its execution domain (personality)"),
  flag("MemoryDenyWriteExecute", 100, "Cannot map memory both writable and executable", "May map memory both writable and executable"),
  flag("NoNewPrivileges", 1000, "Its processes cannot gain privileges (setuid, file capabilities)", "Its processes may gain privileges"),
  cap(
    "CAP_SYS_ADMIN",
    "CAP_SYS_ADMIN",
    1500,
    ["CAP_SYS_ADMIN"],
    "Lacks the catch-all administrator capability",
    "Holds the catch-all administrator capability",
  ),
  cap(
    "CAP_SET(UID|GID|PCAP)",
    "CAP_SET_UID_GID_PCAP",
    1500,
    ["CAP_SETUID", "CAP_SETGID", "CAP_SETPCAP"],
    "Cannot switch user, group or capabilities",
    "May switch user, group or capabilities",
  ),
  cap("CAP_SYS_PTRACE", "CAP_SYS_PTRACE", 1500, ["CAP_SYS_PTRACE"], "Cannot trace other processes", "May trace other processes"),
  cap("CAP_SYS_TIME", "CAP_SYS_TIME", 1000, ["CAP_SYS_TIME"], "Cannot set the system clock", "May set the system clock"),
  cap("CAP_NET_ADMIN", "CAP_NET_ADMIN", 1000, ["CAP_NET_ADMIN"], "Cannot reconfigure the network", "May reconfigure the network"),
  cap("CAP_SYS_RAWIO", "CAP_SYS_RAWIO", 1000, ["CAP_SYS_RAWIO"], "Cannot do raw I/O", "May do raw I/O"),
  cap("CAP_SYS_MODULE", "CAP_SYS_MODULE", 1000, ["CAP_SYS_MODULE"], "Cannot load kernel modules", "May load kernel modules"),
  cap(
    "CAP_AUDIT_*",
    "CAP_AUDIT",
    500,
    ["CAP_AUDIT_CONTROL", "CAP_AUDIT_READ", "CAP_AUDIT_WRITE"],
    "Cannot use the audit subsystem",
    "May use the audit subsystem",
  ),
  cap("CAP_SYSLOG", "CAP_SYSLOG", 500, ["CAP_SYSLOG"], "Cannot use the kernel log", "May use the kernel log"),
  cap(
    "CAP_SYS_(NICE|RESOURCE)",
    "CAP_SYS_NICE_RESOURCE",
    500,
    ["CAP_SYS_NICE", "CAP_SYS_RESOURCE"],
    "Cannot raise priorities or resource limits",
    "May raise priorities or resource limits",
  ),
  cap("CAP_MKNOD", "CAP_MKNOD", 500, ["CAP_MKNOD"], "Cannot create device nodes", "May create device nodes"),
  cap(
    "CAP_(CHOWN|FSETID|SETFCAP)",
    "CAP_CHOWN_FSETID_SETFCAP",
    1000,
    ["CAP_CHOWN", "CAP_FSETID", "CAP_SETFCAP"],
    "Cannot change file owners, modes or capabilities at will",
    "May change file owners, modes or capabilities at will",
  ),
  cap(
    "CAP_(DAC_*|FOWNER|IPC_OWNER)",
    "CAP_DAC_FOWNER_IPC_OWNER",
    1000,
    ["CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_IPC_OWNER"],
    "Is bound by file and IPC permissions",
    "May bypass file and IPC permissions",
  ),
  cap("CAP_KILL", "CAP_KILL", 500, ["CAP_KILL"], "Cannot signal processes it does not own", "May signal any process"),
  // systemd's json_field really ends in ')' here.
  cap(
    "CAP_NET_(BIND_SERVICE|BROADCAST|RAW)",
    "CAP_NET_BIND_SERVICE_BROADCAST_RAW)",
    500,
    ["CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_RAW"],
    "Has no special network privileges",
    "Has special network privileges (low ports, raw sockets, broadcast)",
  ),
  cap("CAP_SYS_BOOT", "CAP_SYS_BOOT", 100, ["CAP_SYS_BOOT"], "Cannot reboot the machine", "May reboot the machine"),
  cap(
    "CAP_MAC_*",
    "CAP_MAC",
    100,
    ["CAP_MAC_ADMIN", "CAP_MAC_OVERRIDE"],
    "Cannot change or bypass mandatory access control",
    "May change or bypass mandatory access control",
  ),
  cap("CAP_LINUX_IMMUTABLE", "CAP_LINUX_IMMUTABLE", 75, ["CAP_LINUX_IMMUTABLE"], "Cannot make files immutable", "May make files immutable"),
  cap("CAP_IPC_LOCK", "CAP_IPC_LOCK", 50, ["CAP_IPC_LOCK"], "Cannot pin memory", "May pin memory"),
  cap("CAP_SYS_CHROOT", "CAP_SYS_CHROOT", 50, ["CAP_SYS_CHROOT"], "Cannot chroot()", "May chroot()"),
  cap(
    "CAP_BLOCK_SUSPEND",
    "CAP_BLOCK_SUSPEND",
    25,
    ["CAP_BLOCK_SUSPEND"],
    "Cannot keep the system from suspending",
    "May keep the system from suspending",
  ),
  cap(
    "CAP_WAKE_ALARM",
    "CAP_WAKE_ALARM",
    25,
    ["CAP_WAKE_ALARM"],
    "Cannot set timers that wake the system",
    "May set timers that wake the system",
  ),
  cap("CAP_LEASE", "CAP_LEASE", 25, ["CAP_LEASE"], "Cannot take file leases", "May take file leases"),
  cap("CAP_SYS_TTY_CONFIG", "CAP_SYS_TTY_CONFIG", 25, ["CAP_SYS_TTY_CONFIG"], "Cannot hang up terminals", "May hang up terminals"),
  cap("CAP_SYS_PACCT", "CAP_SYS_PACCT", 25, ["CAP_SYS_PACCT"], "Cannot switch process accounting", "May switch process accounting"),
  cap("CAP_BPF", "CAP_BPF", 25, ["CAP_BPF"], "Cannot load BPF programs", "May load BPF programs"),
  { name: "UMask=", id: "UMask", weight: 100, range: 10, assess: K.assessUmask, fix: "UMask=0077" },
  {
    name: "KeyringMode=",
    id: "KeyringMode",
    weight: 1000,
    range: 1,
    assess: K.assessKeyring,
    good: "Has a kernel keyring of its own",
    bad: "Shares its kernel keyring with others",
    fix: "KeyringMode=private",
  },
  {
    name: "ProtectProc=",
    id: "ProtectProc",
    weight: 1000,
    range: 3,
    assess: K.assessProtectProc,
    good: "Sees only its own processes in /proc",
    bad: "Sees every process in /proc",
    fix: "ProtectProc=invisible",
  },
  {
    name: "ProcSubset=",
    id: "ProcSubset",
    weight: 10,
    range: 1,
    assess: K.assessProcSubset,
    good: "Sees only the process entries of /proc",
    bad: "Sees all of /proc, not just processes",
    fix: "ProcSubset=pid",
  },
  {
    name: "NotifyAccess=",
    id: "NotifyAccess",
    weight: 1000,
    range: 1,
    assess: K.assessNotifyAccess,
    good: "Its child processes cannot report its state",
    bad: "Any of its processes may report its state",
  },
  {
    name: "RemoveIPC=",
    id: "RemoveIPC",
    weight: 100,
    range: 1,
    assess: K.assessRemoveIpc,
    good: "Its System V IPC objects are removed when it stops",
    bad: "Its System V IPC objects may outlive it",
    notApplicable: "Runs as root, so IPC clean-up does not apply",
    fix: "RemoveIPC=yes",
  },
  {
    name: "Delegate=",
    id: "Delegate",
    weight: 100,
    range: 1,
    assess: K.assessFlag("Delegate", true),
    good: "Does not manage a cgroup subtree of its own",
    bad: "Manages a delegated cgroup subtree",
  },
  flag("RestrictRealtime", 500, "Cannot use realtime scheduling", "May use realtime scheduling"),
  flag("RestrictSUIDSGID", 1000, "Cannot create setuid or setgid files", "May create setuid or setgid files"),
  ns("user", 1500, "user"),
  ns("mnt", 500, "mount"),
  ns("ipc", 500, "IPC"),
  ns("pid", 500, "PID"),
  ns("cgroup", 500, "cgroup"),
  ns("net", 500, "network"),
  ns("uts", 100, "host name"),
  family("AF_(INET|INET6)", "AF_INET_INET6", 1500, "inet", "Internet", "RestrictAddressFamilies=AF_UNIX"),
  family("AF_UNIX", "AF_UNIX", 25, "unix", "local (AF_UNIX)", "RestrictAddressFamilies=AF_INET AF_INET6"),
  family("AF_NETLINK", "AF_NETLINK", 200, "netlink", "netlink", "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6"),
  family("AF_PACKET", "AF_PACKET", 1000, "packet", "packet", "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6"),
  family(
    "…",
    "OTHER",
    1250,
    "other",
    "unusual (not Internet, local, netlink or packet)",
    "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6",
  ),
  {
    name: "SystemCallArchitectures=",
    id: "SystemCallArchitectures",
    weight: 1000,
    range: 10,
    assess: K.assessArchitectures,
    fix: "SystemCallArchitectures=native",
  },
  syscalls("swap", 1000),
  syscalls("obsolete", 250),
  syscalls("clock", 1000),
  syscalls("cpu-emulation", 250),
  syscalls("debug", 1000),
  syscalls("mount", 1000),
  syscalls("module", 1000),
  syscalls("raw-io", 1000),
  syscalls("reboot", 1000),
  syscalls("privileged", 700),
  syscalls("resources", 700),
  { name: "IPAddressDeny=", id: "IPAddressDeny", weight: 1000, range: 10, assess: K.assessIpAddress, fix: "IPAddressDeny=any" },
  { name: "DeviceAllow=", id: "DeviceAllow", weight: 1000, range: 10, assess: K.assessDeviceAllow, fix: "DevicePolicy=closed" },
  {
    name: "AmbientCapabilities=",
    id: "AmbientCapabilities",
    weight: 500,
    range: 1,
    assess: K.assessAmbient,
    good: "Starts with no ambient capabilities",
    bad: "Starts with ambient capabilities",
  },
];
