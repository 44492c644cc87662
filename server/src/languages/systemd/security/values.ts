/**
 * systemd's readings of the values the exposure score depends on: each
 * function applies one assignment to the state built so far, the way the
 * matching config_parse_*() does (invalid words skipped, invalid values
 * ignored, empty assignments reset, `~` inverts and later lines merge).
 */
import { parserInfo } from "../data.js";
import { parseBoolean } from "../values/scalars.js";
import { splitWords } from "../values/words.js";
import { allCapabilities, capabilityNumber } from "./capabilities.js";
import { isNativeSyscall, syscallGroup } from "./syscalls.js";
import type { FamilyClass } from "./types.js";

export function words(value: string): string[] {
  const r = splitWords(value);
  return r.ok ? r.words.map((w) => w.text) : [];
}

export { parseBoolean };

/** CapabilityBoundingSet= starts from all bits, AmbientCapabilities= from none; a second list merges into the first. */
export function applyCapabilities(current: bigint, value: string, initial: bigint): bigint {
  const invert = value.startsWith("~");
  let sum = 0n;
  for (const w of words(invert ? value.slice(1) : value)) {
    const n = capabilityNumber(w);
    if (n !== undefined) sum |= 1n << BigInt(n);
  }
  if (sum === 0n || current === initial) return invert ? ~sum & allCapabilities : sum;
  return invert ? current & ~sum : current | sum;
}

export const allNamespaces = ["cgroup", "ipc", "net", "mnt", "pid", "user", "uts", "time"];

/** Namespaces still allowed; `initial` marks "never assigned" (everything allowed, nothing to merge into). */
export interface NamespaceState {
  initial: boolean;
  allowed: Set<string>;
}

export function applyNamespaces(state: NamespaceState, value: string): NamespaceState {
  if (value === "") return { initial: true, allowed: new Set(allNamespaces) };
  const b = parseBoolean(value);
  if (b !== undefined) return { initial: false, allowed: new Set(b ? [] : allNamespaces) };
  const invert = value.startsWith("~");
  const listed = words(invert ? value.slice(1) : value);
  if (listed.some((w) => !allNamespaces.includes(w))) return state; // one unknown name: the whole line is ignored
  if (state.initial) {
    return { initial: false, allowed: new Set(invert ? allNamespaces.filter((n) => !listed.includes(n)) : listed) };
  }
  const allowed = new Set(state.allowed);
  for (const n of listed) invert ? allowed.delete(n) : allowed.add(n);
  return { initial: false, allowed };
}

const familyNumbers = new Map<string, number>();
{
  const known = parserInfo("config_parse_address_families")?.allowed ?? [];
  const aliases: Record<string, string> = { AF_LOCAL: "AF_UNIX", AF_FILE: "AF_UNIX", AF_ROUTE: "AF_NETLINK" };
  for (const name of known) familyNumbers.set(name.toUpperCase(), 0);
  for (const [alias, target] of Object.entries(aliases)) familyNumbers.set(alias, familyNumbers.has(target) ? 1 : 0);
}

/** The class a family falls in for the score, after resolving aliases (AF_LOCAL is AF_UNIX). */
export function familyClass(name: string): FamilyClass | undefined {
  const upper = name.toUpperCase();
  if (!familyNumbers.has(upper)) return undefined;
  const canonical = ({ AF_LOCAL: "AF_UNIX", AF_FILE: "AF_UNIX", AF_ROUTE: "AF_NETLINK" } as Record<string, string>)[upper] ?? upper;
  switch (canonical) {
    case "AF_INET":
    case "AF_INET6":
      return "inet";
    case "AF_UNIX":
      return "unix";
    case "AF_NETLINK":
      return "netlink";
    case "AF_PACKET":
      return "packet";
    default:
      return "other";
  }
}

/** RestrictAddressFamilies=: an allow list or a deny list of families (by canonical name). */
export interface FamilyState {
  set: Set<string> | undefined;
  allowList: boolean;
}

export function applyFamilies(state: FamilyState, value: string): FamilyState {
  if (value === "") return { set: undefined, allowList: false };
  if (value === "none") return { set: undefined, allowList: true };
  const invert = value.startsWith("~");
  const next: FamilyState = state.set ? { set: new Set(state.set), allowList: state.allowList } : { set: new Set(), allowList: !invert };
  for (const w of words(invert ? value.slice(1) : value)) {
    const cls = familyClass(w);
    if (!cls) continue;
    const key = `${cls}:${canonicalFamily(w)}`;
    if (!invert === next.allowList) next.set?.add(key);
    else next.set?.delete(key);
  }
  return next;
}

function canonicalFamily(name: string): string {
  const upper = name.toUpperCase();
  return ({ AF_LOCAL: "AF_UNIX", AF_FILE: "AF_UNIX", AF_ROUTE: "AF_NETLINK" } as Record<string, string>)[upper] ?? upper;
}

/** Whether the service may not use families of a class: an allow list without one of them, or a deny list naming one. */
export function familyRestricted(state: FamilyState, cls: FamilyClass): boolean {
  if (!state.set) return state.allowList;
  const listed = [...state.set].some((k) => k.startsWith(`${cls}:`));
  return state.allowList ? !listed : listed;
}

const archNames = new Set(parserInfo("config_parse_syscall_archs")?.allowed ?? []);

export function applyArchitectures(current: Set<string>, value: string): Set<string> {
  if (value === "") return new Set();
  const next = new Set(current);
  for (const w of words(value)) if (archNames.has(w)) next.add(w);
  return next;
}

/**
 * SystemCallFilter=: the names in the filter, each mapped to whether it is
 * plainly allowed (allow list) or denied. An allow list starts with @default.
 */
export interface SyscallState {
  /** undefined: never assigned (or reset). */
  filter: Map<string, boolean> | undefined;
  allowList: boolean;
}

export function applySyscallFilter(state: SyscallState, value: string): SyscallState {
  if (value === "") return { filter: undefined, allowList: false };
  const invert = value.startsWith("~");
  let filter = state.filter ? new Map(state.filter) : undefined;
  let allowList = state.allowList;
  if (!filter) {
    filter = new Map();
    allowList = !invert;
    if (allowList) addSyscalls(filter, "@default", false, true, false, new Set());
  }
  for (const w of value
    .slice(invert ? 1 : 0)
    .split(/\s+/)
    .filter(Boolean)) {
    const colon = w.indexOf(":");
    const name = colon < 0 ? w : w.slice(0, colon);
    const hasErrno = colon >= 0;
    if (hasErrno && !/^(E[A-Z0-9]+|\d+|kill)$/.test(w.slice(colon + 1))) continue;
    if (!invert && hasErrno) continue;
    addSyscalls(filter, name, invert, allowList, hasErrno, new Set());
  }
  return { filter, allowList };
}

/** One name or @group into the filter map (true: denied with an error number in an allow list). */
function addSyscalls(
  filter: Map<string, boolean>,
  name: string,
  invert: boolean,
  allowList: boolean,
  errno: boolean,
  seen: Set<string>,
): void {
  if (name.startsWith("@")) {
    const members = syscallGroup(name);
    if (!members || seen.has(name)) return;
    seen.add(name);
    for (const m of members) addSyscalls(filter, m, invert, allowList, errno, seen);
    return;
  }
  if (!isNativeSyscall(name)) return;
  if (!invert === allowList || (invert && allowList && errno)) filter.set(name, invert && allowList && errno);
  else filter.delete(name);
}
