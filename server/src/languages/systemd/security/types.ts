/**
 * What systemd's exposure score looks at: the sandboxing state of a service
 * after its unit file and drop-ins are loaded and the manager has patched in
 * what other settings imply (DynamicUser=, PrivateDevices=, ProtectClock=, ...).
 */
export interface SecurityInfo {
  unitName: string;
  /** Whether the unit keeps DefaultDependencies=yes (early-boot services skip some checks). */
  defaultDependencies: boolean;
  notifyAccess: string;
  /** Bit n set: capability n (bounding set starts as all 64 bits). */
  capabilityBoundingSet: bigint;
  ambientCapabilities: bigint;
  /** The user after specifier expansion; undefined when unset (root). */
  user: string | undefined;
  supplementaryGroups: string[];
  dynamicUser: boolean;
  ipAddressDenyAll: boolean;
  ipAddressAllowLocalhost: boolean;
  ipAddressAllowOther: boolean;
  ipFiltersCustom: boolean;
  keyringMode: string;
  protectProc: string;
  procSubset: string;
  flags: Record<BoolSetting, boolean>;
  protectHome: string;
  protectSystem: string;
  restrictAddressFamily: Record<FamilyClass, boolean>;
  /** The namespaces the service may still create. */
  allowedNamespaces: ReadonlySet<string>;
  rootDirectory: string | undefined;
  rootImage: string | undefined;
  devicePolicy: string;
  deviceAllow: string[];
  systemCallArchitectures: ReadonlySet<string>;
  systemCallFilterAllowList: boolean;
  /** Allowed names for an allow list, denied names for a deny list (native system calls only). */
  systemCallFilter: ReadonlySet<string>;
  umask: number;
}

export const boolSettings = [
  "LockPersonality",
  "MemoryDenyWriteExecute",
  "NoNewPrivileges",
  "ProtectHostname",
  "PrivateDevices",
  "PrivateMounts",
  "PrivateNetwork",
  "PrivateTmp",
  "PrivateUsers",
  "ProtectControlGroups",
  "ProtectKernelModules",
  "ProtectKernelTunables",
  "ProtectKernelLogs",
  "ProtectClock",
  "RemoveIPC",
  "RestrictRealtime",
  "RestrictSUIDSGID",
  "Delegate",
] as const;
export type BoolSetting = (typeof boolSettings)[number];

export type FamilyClass = "inet" | "unix" | "netlink" | "packet" | "other";

/** Which manager loads the unit: the system manager or a user's (`--user`). */
export type Scope = "system" | "user";
