import type { Severity } from "./diagnostic.js";

/**
 * The single definition of Etcetera's settings: the server, the CLI and the
 * `contributes.configuration` of package.json all derive from it (a test
 * checks package.json against this schema).
 */
export interface Settings {
  systemd: { version: number | null };
  rules: Record<string, Severity | "off">;
  /** Absent means the defaults (Debian's cron). */
  cron?: { dialect: CronDialect };
}

/** The cron daemons whose crontab dialects Etcetera knows. */
export type CronDialect = "debian" | "cronie";
export const cronDialects: readonly CronDialect[] = ["debian", "cronie"];

export const defaultSettings: Settings = {
  systemd: { version: null },
  rules: {},
  cron: { dialect: "debian" },
};

export interface SettingSchema {
  type: string | string[];
  default: unknown;
  description: string;
  minimum?: number;
  enum?: string[];
  additionalProperties?: { enum: string[] };
}

export const settingsSchema: Record<string, SettingSchema> = {
  "etcetera.systemd.version": {
    type: ["integer", "null"],
    default: null,
    minimum: 200,
    description:
      "The systemd version of the hosts these units run on (e.g. 252 for Debian 12). Directives added later or removed earlier are flagged. Empty: the newest version Etcetera knows.",
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
};

/** Builds Settings from the flat VS Code section `etcetera` (whatever shape the client sends). */
export function settingsFromConfiguration(section: unknown): Settings {
  const s = (typeof section === "object" && section !== null ? section : {}) as Record<string, unknown>;
  const systemd = (typeof s.systemd === "object" && s.systemd !== null ? s.systemd : {}) as Record<string, unknown>;
  const version = typeof systemd.version === "number" && Number.isFinite(systemd.version) ? systemd.version : null;
  const rules: Record<string, Severity | "off"> = {};
  if (typeof s.rules === "object" && s.rules !== null) {
    for (const [id, value] of Object.entries(s.rules as Record<string, unknown>)) {
      if (value === "error" || value === "warning" || value === "info" || value === "hint" || value === "off") rules[id] = value;
    }
  }
  const cron = (typeof s.cron === "object" && s.cron !== null ? s.cron : {}) as Record<string, unknown>;
  const dialect = cronDialects.find((d) => d === cron.dialect) ?? "debian";
  return { systemd: { version }, rules, cron: { dialect } };
}
