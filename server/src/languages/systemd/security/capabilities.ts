/** Linux capability numbers by name (linux/capability.h); systemd also accepts a number 0..63. */
const names = [
  "CAP_CHOWN",
  "CAP_DAC_OVERRIDE",
  "CAP_DAC_READ_SEARCH",
  "CAP_FOWNER",
  "CAP_FSETID",
  "CAP_KILL",
  "CAP_SETGID",
  "CAP_SETUID",
  "CAP_SETPCAP",
  "CAP_LINUX_IMMUTABLE",
  "CAP_NET_BIND_SERVICE",
  "CAP_NET_BROADCAST",
  "CAP_NET_ADMIN",
  "CAP_NET_RAW",
  "CAP_IPC_LOCK",
  "CAP_IPC_OWNER",
  "CAP_SYS_MODULE",
  "CAP_SYS_RAWIO",
  "CAP_SYS_CHROOT",
  "CAP_SYS_PTRACE",
  "CAP_SYS_PACCT",
  "CAP_SYS_ADMIN",
  "CAP_SYS_BOOT",
  "CAP_SYS_NICE",
  "CAP_SYS_RESOURCE",
  "CAP_SYS_TIME",
  "CAP_SYS_TTY_CONFIG",
  "CAP_MKNOD",
  "CAP_LEASE",
  "CAP_AUDIT_WRITE",
  "CAP_AUDIT_CONTROL",
  "CAP_SETFCAP",
  "CAP_MAC_OVERRIDE",
  "CAP_MAC_ADMIN",
  "CAP_SYSLOG",
  "CAP_WAKE_ALARM",
  "CAP_BLOCK_SUSPEND",
  "CAP_AUDIT_READ",
  "CAP_PERFMON",
  "CAP_BPF",
  "CAP_CHECKPOINT_RESTORE",
];
const byName = new Map(names.map((n, i) => [n, i]));

export const allCapabilities = (1n << 64n) - 1n;

/** The bit of one capability; undefined for a name systemd does not know (it skips those). */
export function capabilityNumber(word: string): number | undefined {
  if (/^\d+$/.test(word)) {
    const n = Number(word);
    return n < 64 ? n : undefined;
  }
  return byName.get(word.toUpperCase());
}

export function capabilityBits(...capNames: string[]): bigint {
  let bits = 0n;
  for (const n of capNames) {
    const i = byName.get(n);
    if (i !== undefined) bits |= 1n << BigInt(i);
  }
  return bits;
}
