import type { Severity } from "./diagnostic.js";

/**
 * The single definition of Etcetera's settings: the server, the CLI and the
 * `contributes.configuration` of package.json all derive from it (a test
 * checks package.json against this schema).
 */
export interface Settings {
  /** exposureThreshold: the score (0.0–10.0) above which systemd/exposure-above reports a service; absent means the default. */
  systemd: { version: number | null; exposureThreshold?: number };
  rules: Record<string, Severity | "off">;
  /** Absent means the defaults (Debian's cron). */
  cron?: { dialect: CronDialect };
  /** Absent means the default target, Debian 12's netplan 0.106. */
  netplan?: { version: NetplanVersion };
  /** Absent means Debian 12's logrotate 3.21.0. */
  logrotate?: { version: LogrotateVersion };
}

/** The netplan versions whose parser Etcetera follows: Debian 12's, and the newest it knows. */
export type NetplanVersion = "0.106" | "1.2.2";
export const netplanVersions: readonly NetplanVersion[] = ["0.106", "1.2.2"];

/** The logrotate releases whose config.c Etcetera reads like: Debian 12's and the newest. */
export type LogrotateVersion = "3.21.0" | "3.22.0";
export const logrotateVersions: readonly LogrotateVersion[] = ["3.21.0", "3.22.0"];

/** The cron daemons whose crontab dialects Etcetera knows. */
export type CronDialect = "debian" | "cronie";
export const cronDialects: readonly CronDialect[] = ["debian", "cronie"];

/** systemd's EXPOSED level starts here. */
export const defaultExposureThreshold = 7.5;

export const defaultSettings: Settings = {
  systemd: { version: null, exposureThreshold: defaultExposureThreshold },
  rules: {},
  cron: { dialect: "debian" },
  netplan: { version: "0.106" },
  logrotate: { version: "3.21.0" },
};

export interface SettingSchema {
  type: string | string[];
  default: unknown;
  description: string;
  minimum?: number;
  enum?: string[];
  additionalProperties?: { enum: string[] };
  items?: Record<string, unknown>;
  maximum?: number;
  /** VS Code's setting scope ("machine": never taken from a workspace's settings). */
  scope?: string;
}

export const settingsSchema: Record<string, SettingSchema> = {
  "etcetera.systemd.version": {
    type: ["integer", "null"],
    default: null,
    minimum: 200,
    description:
      "The systemd version of the hosts these units run on (e.g. 252 for Debian 12). Directives added later or removed earlier are flagged. Empty: the newest version Etcetera knows.",
  },
  "etcetera.systemd.exposureThreshold": {
    type: "number",
    default: 7.5,
    minimum: 0,
    maximum: 10,
    description:
      "The exposure score (0.0–10.0, as systemd-analyze security computes it) above which the opt-in rule systemd/exposure-above reports a service. Turn the rule on in etcetera.rules.",
  },
  "etcetera.rules": {
    type: "object",
    default: {},
    additionalProperties: { enum: ["error", "warning", "info", "hint", "off"] },
    description: 'Severity per rule id, or "off", e.g. { "systemd/comment-after-value": "error" }.',
  },
  "etcetera.cron.dialect": {
    type: "string",
    default: "debian",
    enum: ["debian", "cronie"],
    description:
      "The cron daemon that reads the crontabs: Debian's cron (Debian, Ubuntu) or cronie (Fedora, RHEL, Arch). It decides which syntax and environment variables (CRON_TZ=, RANDOM_DELAY=) are understood.",
  },
  "etcetera.logrotate.version": {
    type: "string",
    default: "3.21.0",
    enum: ["3.21.0", "3.22.0"],
    description:
      "The logrotate release on the hosts: 3.21.0 (Debian 12) or 3.22.0. It decides which directives exist and how `create`/`su` arguments are read.",
  },
  "etcetera.hosts": {
    type: "array",
    scope: "machine",
    default: [],
    items: {
      type: "object",
      required: ["name"],
      properties: {
        name: {
          type: "string",
          description: "What --host and the Hosts view call this host.",
        },
        host: {
          type: "string",
          description: "Host name, address or ssh config alias (default: name).",
        },
        user: {
          type: "string",
          description: "Login user (default: from the ssh config).",
        },
        port: {
          type: "integer",
          minimum: 1,
          maximum: 65535,
        },
        identityFile: {
          type: "string",
          description: "Private key file for ssh -i.",
        },
        sudo: {
          type: "boolean",
          default: true,
          description: "Use sudo -n for system files when the login user is not root.",
        },
        scope: {
          type: "string",
          enum: ["system", "user"],
          default: "system",
          description: "System units in /etc, or the login user's own units and crontab.",
        },
        pinnedUnits: {
          type: "array",
          items: {
            type: "string",
          },
          description: "Units to show in the Hosts view besides those deployed from this workspace.",
        },
      },
      additionalProperties: false,
    },
    description:
      "Hosts to deploy to. Any Host alias of ~/.ssh/config works without an entry; an entry adds a user, port, key, sudo and scope.",
  },
  "etcetera.ansible.inventory": {
    type: "string",
    scope: "machine",
    default: "",
    description:
      "An Ansible inventory (file, directory or script, as for ansible-playbook -i). The Hosts view groups its hosts as the inventory does, and Deploy to Group rolls a file out to a group through ansible-playbook. Machine scope: reading an inventory can run it.",
  },
  "etcetera.deploy.codeLens": {
    type: "boolean",
    default: true,
    description: 'Show the "Deploy and Restart" CodeLens on files Etcetera can deploy.',
  },
  "etcetera.deploy.enableOnFirstDeploy": {
    type: "boolean",
    default: true,
    description: "On the first deploy of a unit with an [Install] section, run systemctl enable --now instead of restart.",
  },
  "etcetera.deploy.activateTimeoutSeconds": {
    type: "integer",
    default: 300,
    minimum: 5,
    maximum: 3600,
    description:
      "Seconds one systemctl restart or stop may take on the host during a deploy; a unit whose start or stop takes longer counts as hung and is rolled back (a oneshot still running its start commands is left running).",
  },
  "etcetera.hostsView.refreshSeconds": {
    type: "integer",
    default: 30,
    minimum: 0,
    description: "Seconds between refreshes of the Hosts view (0: only on demand).",
  },
  "etcetera.netplan.version": {
    type: "string",
    default: "0.106",
    enum: ["0.106", "1.2.2"],
    description:
      "The netplan version of the hosts (0.106: Debian 12; 1.2.2: the newest Etcetera knows). Keys and values that version's parser rejects are errors.",
  },
  "etcetera.netplan.detectByContent": {
    type: "boolean",
    default: false,
    description: "Treat any YAML file whose top-level key is `network:` as netplan, not only the files in a netplan directory.",
  },
};

/** Builds Settings from the flat VS Code section `etcetera` (whatever shape the client sends). */
export function settingsFromConfiguration(section: unknown): Settings {
  const s = (typeof section === "object" && section !== null ? section : {}) as Record<string, unknown>;
  const systemd = (typeof s.systemd === "object" && s.systemd !== null ? s.systemd : {}) as Record<string, unknown>;
  const version = typeof systemd.version === "number" && Number.isFinite(systemd.version) ? systemd.version : null;
  const threshold = systemd.exposureThreshold;
  const exposureThreshold = typeof threshold === "number" && threshold >= 0 && threshold <= 10 ? threshold : defaultExposureThreshold;
  const rules: Record<string, Severity | "off"> = {};
  if (typeof s.rules === "object" && s.rules !== null) {
    for (const [id, value] of Object.entries(s.rules as Record<string, unknown>)) {
      if (value === "error" || value === "warning" || value === "info" || value === "hint" || value === "off") rules[id] = value;
    }
  }
  const cron = (typeof s.cron === "object" && s.cron !== null ? s.cron : {}) as Record<string, unknown>;
  const dialect = cronDialects.find((d) => d === cron.dialect) ?? "debian";
  const netplan = (typeof s.netplan === "object" && s.netplan !== null ? s.netplan : {}) as Record<string, unknown>;
  const netplanVersion = netplanVersions.find((v) => v === netplan.version) ?? "0.106";
  const logrotate = (typeof s.logrotate === "object" && s.logrotate !== null ? s.logrotate : {}) as Record<string, unknown>;
  const lrVersion = logrotateVersions.find((v) => v === logrotate.version) ?? "3.21.0";
  return {
    systemd: { version, exposureThreshold },
    rules,
    cron: { dialect },
    netplan: { version: netplanVersion },
    logrotate: { version: lrVersion },
  };
}
