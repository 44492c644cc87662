/**
 * Builds the SecurityInfo of a service from its sections (unit file first,
 * then drop-ins in systemd's order), applying each assignment as systemd's
 * parser does and then what the manager patches in when the unit loads.
 */
import type { Section } from "../parser.js";
import { allCapabilities, capabilityBits } from "./capabilities.js";
import { expandSpecifiers } from "./specifiers.js";
import { type BoolSetting, boolSettings, type FamilyClass, type Scope, type SecurityInfo } from "./types.js";
import { validUserName } from "./user-name.js";
import {
  allNamespaces,
  applyArchitectures,
  applyCapabilities,
  applyFamilies,
  applyNamespaces,
  applySyscallFilter,
  type FamilyState,
  familyRestricted,
  type NamespaceState,
  parseBoolean,
  type SyscallState,
  words,
} from "./values.js";

/** A setting systemd will not accept at all: the unit is refused ("bad unit file setting"). */
export interface FatalSetting {
  key: string;
  value: string;
}

interface State {
  info: SecurityInfo;
  caps: bigint;
  ambient: bigint;
  namespaces: NamespaceState;
  families: FamilyState;
  syscalls: SyscallState;
  archs: Set<string>;
  ipDeny: string[];
  ipAllow: string[];
  fatal: FatalSetting | undefined;
}

const enumValues: Record<string, readonly string[]> = {
  KeyringMode: ["inherit", "private", "shared"],
  ProtectProc: ["default", "noaccess", "invisible", "ptraceable"],
  ProcSubset: ["all", "pid"],
  NotifyAccess: ["none", "main", "exec", "all"],
  DevicePolicy: ["auto", "closed", "strict"],
};

export function securityInfo(sections: readonly Section[], unitName: string, scope: Scope): { info: SecurityInfo; fatal?: FatalSetting } {
  const s = initialState(unitName, scope);
  for (const section of sections) {
    for (const e of section.entries) {
      if (section.name === "Unit" && e.key === "DefaultDependencies") {
        const b = parseBoolean(e.value);
        if (b !== undefined) s.info.defaultDependencies = b;
      } else if (section.name === "Service") {
        applyServiceSetting(s, e.key, e.value, unitName);
      }
    }
  }
  finish(s);
  return s.fatal ? { info: s.info, fatal: s.fatal } : { info: s.info };
}

function initialState(unitName: string, scope: Scope): State {
  const flags = Object.fromEntries(boolSettings.map((b) => [b, false])) as Record<BoolSetting, boolean>;
  return {
    info: {
      unitName,
      defaultDependencies: true,
      notifyAccess: "none",
      capabilityBoundingSet: allCapabilities,
      ambientCapabilities: 0n,
      user: undefined,
      supplementaryGroups: [],
      dynamicUser: false,
      ipAddressDenyAll: false,
      ipAddressAllowLocalhost: false,
      ipAddressAllowOther: false,
      ipFiltersCustom: false,
      // A user manager's services inherit the session keyring; the system manager gives each its own.
      keyringMode: scope === "system" ? "private" : "inherit",
      protectProc: "default",
      procSubset: "all",
      flags,
      protectHome: "no",
      protectSystem: "no",
      restrictAddressFamily: { inet: false, unix: false, netlink: false, packet: false, other: false },
      allowedNamespaces: new Set(allNamespaces),
      rootDirectory: undefined,
      rootImage: undefined,
      devicePolicy: "auto",
      deviceAllow: [],
      systemCallArchitectures: new Set(),
      systemCallFilterAllowList: false,
      systemCallFilter: new Set(),
      umask: 0o022,
    },
    caps: allCapabilities,
    ambient: 0n,
    namespaces: { initial: true, allowed: new Set(allNamespaces) },
    families: { set: undefined, allowList: false },
    syscalls: { filter: undefined, allowList: false },
    archs: new Set(),
    ipDeny: [],
    ipAllow: [],
    fatal: undefined,
  };
}

function applyServiceSetting(s: State, key: string, value: string, unitName: string): void {
  const { info } = s;
  if ((boolSettings as readonly string[]).includes(key) && key !== "Delegate") {
    const b = parseBoolean(value);
    if (b !== undefined) info.flags[key as BoolSetting] = b;
    return;
  }
  switch (key) {
    case "DynamicUser": {
      const b = parseBoolean(value);
      if (b !== undefined) info.dynamicUser = b;
      return;
    }
    case "Delegate": {
      // Empty or a list of controllers turns delegation on; only "no" turns it off.
      const b = value === "" ? true : parseBoolean(value);
      info.flags.Delegate = b ?? true;
      return;
    }
    case "User":
      applyUser(s, value, unitName);
      return;
    case "SupplementaryGroups":
      info.supplementaryGroups = value === "" ? [] : [...info.supplementaryGroups, ...words(value)];
      return;
    case "CapabilityBoundingSet":
      s.caps = applyCapabilities(s.caps, value, allCapabilities);
      return;
    case "AmbientCapabilities":
      s.ambient = applyCapabilities(s.ambient, value, 0n);
      return;
    case "UMask":
      if (/^[0-7]+$/.test(value) && Number.parseInt(value, 8) <= 0o7777) info.umask = Number.parseInt(value, 8);
      return;
    case "ProtectHome":
    case "ProtectSystem":
      applyProtect(info, key, value);
      return;
    case "RootDirectory":
    case "RootImage":
      if (value === "") info[key === "RootDirectory" ? "rootDirectory" : "rootImage"] = undefined;
      else if (value.startsWith("/") || value.startsWith("%")) info[key === "RootDirectory" ? "rootDirectory" : "rootImage"] = value;
      return;
    case "RestrictNamespaces":
      s.namespaces = applyNamespaces(s.namespaces, value);
      return;
    case "RestrictAddressFamilies":
      s.families = applyFamilies(s.families, value);
      return;
    case "SystemCallFilter":
      s.syscalls = applySyscallFilter(s.syscalls, value);
      return;
    case "SystemCallArchitectures":
      s.archs = applyArchitectures(s.archs, value);
      return;
    case "IPAddressDeny":
      s.ipDeny = value === "" ? [] : [...s.ipDeny, ...words(value)];
      return;
    case "IPAddressAllow":
      s.ipAllow = value === "" ? [] : [...s.ipAllow, ...words(value)];
      return;
    case "IPIngressFilterPath":
    case "IPEgressFilterPath":
      if (value !== "") info.ipFiltersCustom = true;
      return;
    case "DeviceAllow":
      applyDeviceAllow(info, value);
      return;
    default:
      applyEnum(info, key, value);
  }
}

function applyEnum(info: SecurityInfo, key: string, value: string): void {
  const allowed = enumValues[key];
  if (!allowed?.includes(value)) return;
  if (key === "KeyringMode") info.keyringMode = value;
  else if (key === "ProtectProc") info.protectProc = value;
  else if (key === "ProcSubset") info.procSubset = value;
  else if (key === "NotifyAccess") info.notifyAccess = value;
  else if (key === "DevicePolicy") info.devicePolicy = value;
}

function applyUser(s: State, value: string, unitName: string): void {
  if (value === "") {
    s.info.user = undefined;
    return;
  }
  const expanded = expandSpecifiers(value, unitName);
  if (expanded === undefined || !validUserName(expanded)) {
    // systemd refuses the whole unit over a user name it cannot accept.
    s.fatal ??= { key: "User", value };
    return;
  }
  s.info.user = expanded;
}

function applyProtect(info: SecurityInfo, key: "ProtectHome" | "ProtectSystem", value: string): void {
  const b = parseBoolean(value);
  const levels = key === "ProtectHome" ? ["read-only", "tmpfs"] : ["full", "strict"];
  const level = b === true ? "yes" : b === false ? "no" : levels.includes(value) ? value : undefined;
  if (level === undefined) return;
  if (key === "ProtectHome") info.protectHome = level;
  else info.protectSystem = level;
}

function applyDeviceAllow(info: SecurityInfo, value: string): void {
  if (value === "") {
    info.deviceAllow = [];
    return;
  }
  const [path, ...rest] = words(value);
  const rights = rest.join(" ");
  if (!path || (rights !== "" && !/^[rwm]+$/.test(rights))) return;
  if (!/^(block-|char-)/.test(path) && !path.startsWith("/dev/") && !path.startsWith("/sys/") && !path.startsWith("%")) return;
  info.deviceAllow.push(`${path}:${rights}`);
}

/** What the manager derives when the unit loads (unit_patch_contexts), then the summaries the checks read. */
function finish(s: State): void {
  const { info } = s;
  const f = info.flags;
  if (f.PrivateDevices) s.caps &= ~capabilityBits("CAP_MKNOD", "CAP_SYS_RAWIO");
  if (f.ProtectKernelModules) s.caps &= ~capabilityBits("CAP_SYS_MODULE");
  if (f.ProtectKernelLogs) s.caps &= ~capabilityBits("CAP_SYSLOG");
  if (f.ProtectClock) s.caps &= ~capabilityBits("CAP_SYS_TIME", "CAP_WAKE_ALARM");
  if (info.dynamicUser) {
    info.user ??= info.unitName.replace(/[@.].*$/, "") || "dynamic";
    f.PrivateTmp = true;
    f.RemoveIPC = true;
    info.protectSystem = "strict";
    if (info.protectHome === "no") info.protectHome = "read-only";
    f.NoNewPrivileges = true;
    f.RestrictSUIDSGID = true;
  }
  if (f.PrivateDevices && info.devicePolicy === "auto") info.devicePolicy = "closed";
  if (info.devicePolicy !== "auto" || info.deviceAllow.length > 0) {
    if (info.rootImage)
      info.deviceAllow.push(
        "/dev/loop-control:rw",
        "/dev/mapper/control:rw",
        "block-loop:rwm",
        "block-blkext:rwm",
        "block-device-mapper:rwm",
      );
    if (f.ProtectClock) info.deviceAllow.push("char-rtc:r");
  }
  info.capabilityBoundingSet = s.caps;
  info.ambientCapabilities = s.ambient;
  info.allowedNamespaces = s.namespaces.allowed;
  for (const cls of ["inet", "unix", "netlink", "packet", "other"] as FamilyClass[]) {
    info.restrictAddressFamily[cls] = familyRestricted(s.families, cls);
  }
  info.systemCallArchitectures = s.archs;
  info.systemCallFilterAllowList = s.syscalls.allowList;
  info.systemCallFilter = new Set(
    [...(s.syscalls.filter ?? new Map<string, boolean>())].filter(([, errno]) => !(s.syscalls.allowList && errno)).map(([n]) => n),
  );
  applyIpSummary(info, s.ipDeny, s.ipAllow);
}

function applyIpSummary(info: SecurityInfo, deny: string[], allow: string[]): void {
  const prefixes = (list: string[]) => list.flatMap(expandIpWord);
  const denied = prefixes(deny);
  info.ipAddressDenyAll = denied.some((p) => p.family === 4 && p.length === 0) && denied.some((p) => p.family === 6 && p.length === 0);
  for (const p of prefixes(allow)) {
    if (p.localhost) info.ipAddressAllowLocalhost = true;
    else info.ipAddressAllowOther = true;
  }
}

interface Prefix {
  family: 4 | 6;
  length: number;
  localhost: boolean;
}

function expandIpWord(word: string): Prefix[] {
  switch (word) {
    case "any":
      return [
        { family: 4, length: 0, localhost: false },
        { family: 6, length: 0, localhost: false },
      ];
    case "localhost":
      return [
        { family: 4, length: 8, localhost: true },
        { family: 6, length: 128, localhost: true },
      ];
    case "link-local":
    case "multicast":
      return [
        { family: 4, length: 16, localhost: false },
        { family: 6, length: 64, localhost: false },
      ];
  }
  const [addr = "", len] = word.split("/");
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(addr);
  if (v4) {
    const length = len === undefined ? 32 : Number(len);
    if (!Number.isInteger(length) || length > 32 || v4.slice(1).some((o) => Number(o) > 255)) return [];
    return [{ family: 4, length, localhost: v4[1] === "127" }];
  }
  if (addr.includes(":") && /^[0-9a-fA-F:.]+$/.test(addr)) {
    const length = len === undefined ? 128 : Number(len);
    if (!Number.isInteger(length) || length > 128) return [];
    return [{ family: 6, length, localhost: /^(0{0,4}:){2,7}0{0,3}1$/.test(addr) || addr === "::1" }];
  }
  return [];
}
