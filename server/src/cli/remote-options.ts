import { readFile } from "node:fs/promises";
import { defaultSettings, type Settings, settingsFromConfiguration } from "../core/settings.js";
import { hostsFromSetting, type ResolvedHost, resolveHost } from "../remote/hosts.js";
import { RemoteError } from "../remote/names.js";
import { SshTransport } from "../remote/ssh.js";
import type { CommandIO } from "./lint.js";
import { UsageError } from "./lint.js";

/** Options every remote command takes. */
export const remoteOptions = {
  host: { type: "string", short: "H" },
  "ssh-config": { type: "string", short: "F" },
  user: { type: "boolean", default: false },
  format: { type: "string", default: "text" },
  config: { type: "string" },
} as const;

export const remoteOptionsUsage = `--host H [--ssh-config FILE] [--user] [--format text|json] [--config FILE]
         H: an entry of "hosts" in --config (the etcetera.hosts setting), an ssh config Host alias, or [user@]host
         exit: 0 the host ends in the state asked for; 1 it does not; 2 usage error; 3 cannot connect or not allowed`;

export interface RemoteContext {
  host: ResolvedHost;
  transport: SshTransport;
  settings: Settings;
  format: "text" | "json" | "jsonl";
}

export async function remoteContext(values: {
  host?: string;
  "ssh-config"?: string;
  user?: boolean;
  format?: string;
  config?: string;
}): Promise<RemoteContext> {
  if (!values.host) throw new UsageError("--host is required");
  const format = values.format ?? "text";
  if (format !== "text" && format !== "json" && format !== "jsonl") throw new UsageError(`unknown --format '${format}'; use text or json`);
  let raw: Record<string, unknown> = {};
  if (values.config) {
    try {
      raw = JSON.parse(await readFile(values.config, "utf8")) as Record<string, unknown>;
    } catch (e) {
      throw new UsageError(`${values.config}: cannot read config: ${(e as Error).message}`);
    }
  }
  const settings = values.config ? settingsFromConfiguration(raw) : defaultSettings;
  const host = resolveHost(values.host, hostsFromSetting(raw.hosts), { sshConfig: values["ssh-config"], userScope: values.user });
  const transport = new SshTransport(host.target);
  return { host, transport, settings, format };
}

/** Prints a RemoteError the way every remote command does and returns exit status 3. */
export function reportRemoteError(e: unknown, io: CommandIO, format: string): number {
  if (!(e instanceof RemoteError)) throw e;
  if (format === "text") io.stderr(`etcetera: ${e.message}\n`);
  else io.stdout(`${JSON.stringify({ type: "error", code: e.code, message: e.message })}\n`);
  return e.code === "invalid-name" || e.code === "unsupported-file" ? 1 : 3;
}

const colors = { red: "\x1b[31m", yellow: "\x1b[33m", green: "\x1b[32m", dim: "\x1b[2m", bold: "\x1b[1m", reset: "\x1b[0m" };
export type Color = keyof typeof colors;
export const paint = (on: boolean, color: Color, s: string) => (on ? `${colors[color]}${s}${colors.reset}` : s);
