import { readFile } from "node:fs/promises";
import { defaultSettings, type Settings, settingsFromConfiguration } from "../core/settings.js";
import { hostsFromSetting, type ResolvedHost, resolveHost } from "../remote/hosts.js";
import { RemoteError } from "../remote/names.js";
import { SshTransport } from "../remote/ssh.js";
import type { CommandIO } from "./command.js";
import { UsageError } from "./command.js";
import { printable } from "./printable.js";

/** Options every remote command takes. */
export const remoteOptions = {
  host: { type: "string", short: "H" },
  "ssh-config": { type: "string", short: "F" },
  user: { type: "boolean", default: false },
  format: { type: "string", default: "text" },
  config: { type: "string" },
} as const;

/** A refusal before connecting; the commands report it like any RemoteError. */
export class RemoteContextError extends Error {
  constructor(
    readonly error: RemoteError,
    readonly format: string,
  ) {
    super(error.message);
  }
}

/** remoteContext, or the exit status after reporting why there is none. */
export async function remoteContextOrExit(values: Parameters<typeof remoteContext>[0], io: CommandIO): Promise<RemoteContext | number> {
  try {
    return await remoteContext(values);
  } catch (e) {
    if (e instanceof RemoteContextError) return reportRemoteError(e.error, io, e.format);
    throw e;
  }
}

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
  try {
    const host = resolveHost(values.host, hostsFromSetting(raw.hosts), { sshConfig: values["ssh-config"], userScope: values.user });
    const transport = new SshTransport(host.target);
    return { host, transport, settings, format };
  } catch (e) {
    // A host name, user or control directory we refuse: one line, the exit status of its kind.
    if (e instanceof RemoteError) throw new RemoteContextError(e, format);
    throw e;
  }
}

/** Error codes that mean the host could not be reached, or we may not act on it. */
const unreachable = new Set(["ssh", "host-key", "auth", "unknown-host", "sudo-password", "no-sudo", "protocol"]);

/** The exit status for an error code: 2 the command line is wrong, 3 cannot connect or not allowed, 1 anything else on the host. */
export function exitCodeFor(code: string | undefined): number {
  if (code === "invalid-name" || code === "unsupported-file" || code === "usage") return 2;
  return code !== undefined && unreachable.has(code) ? 3 : 1;
}

/** Prints a RemoteError the way every remote command does (one line) and returns its exit status. */
export function reportRemoteError(e: unknown, io: CommandIO, format: string): number {
  if (!(e instanceof RemoteError)) throw e;
  if (format === "text") io.stderr(`etcetera: ${printable(e.message)}\n`);
  else io.stdout(`${JSON.stringify({ type: "error", code: e.code, message: e.message })}\n`);
  return exitCodeFor(e.code);
}

const colors = { red: "\x1b[31m", yellow: "\x1b[33m", green: "\x1b[32m", dim: "\x1b[2m", bold: "\x1b[1m", reset: "\x1b[0m" };
export type Color = keyof typeof colors;
export const paint = (on: boolean, color: Color, s: string) => (on ? `${colors[color]}${s}${colors.reset}` : s);
