/**
 * systemd's system-call groups and which names exist on x86_64, recorded from
 * Debian 12's systemd 252 and libseccomp 2.5.4 by
 * server/scripts/record-syscall-groups.ts.
 */
import data from "./data/syscall-groups.json";

const groups: Record<string, string[]> = data.groups;
const absent = new Set([...data.notNative, ...data.unknown]);

export function syscallGroup(name: string): readonly string[] | undefined {
  return groups[name];
}

/** Whether libseccomp resolves the name to a system call of the native architecture (others are dropped or skipped). */
export function isNativeSyscall(name: string): boolean {
  return !absent.has(name);
}

/** Every native system call a group stands for, nested groups expanded. */
export function groupMembers(name: string, seen = new Set<string>()): string[] {
  if (seen.has(name)) return [];
  seen.add(name);
  const out: string[] = [];
  for (const m of groups[name] ?? []) {
    if (m.startsWith("@")) out.push(...groupMembers(m, seen));
    else if (isNativeSyscall(m)) out.push(m);
  }
  return out;
}
