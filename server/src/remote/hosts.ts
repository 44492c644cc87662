import { RemoteError } from "./names.js";
import { type SshTarget, SshTransport, type TransportOptions } from "./ssh.js";
import type { HostEntry, Scope } from "./types.js";

/** A host ready to connect to: how to reach it, and how to act on it. */
export interface ResolvedHost {
  /** The name the user gave (setting entry name or ssh alias). */
  name: string;
  target: SshTarget;
  /** Use `sudo -n` for system files when the login user is not root. */
  sudo: boolean;
  scope: Scope;
  pinnedUnits: string[];
}

export interface HostOverrides {
  sshConfig?: string;
  /** `--user`: the user's own units and crontab. */
  userScope?: boolean;
  /** `--login USER` */
  login?: string;
}

/** Reads the `etcetera.hosts` setting (any shape) into entries, dropping what is not an entry. */
export function hostsFromSetting(value: unknown): HostEntry[] {
  if (!Array.isArray(value)) return [];
  const out: HostEntry[] = [];
  for (const v of value) {
    if (typeof v !== "object" || v === null) continue;
    const o = v as Record<string, unknown>;
    if (typeof o.name !== "string" || o.name.length === 0) continue;
    const str = (k: string) => (typeof o[k] === "string" && (o[k] as string).length > 0 ? (o[k] as string) : undefined);
    out.push({
      name: o.name,
      host: str("host"),
      user: str("user"),
      port: typeof o.port === "number" && Number.isInteger(o.port) && o.port > 0 && o.port < 65536 ? o.port : undefined,
      identityFile: str("identityFile"),
      sudo: typeof o.sudo === "boolean" ? o.sudo : undefined,
      scope: o.scope === "user" ? "user" : o.scope === "system" ? "system" : undefined,
      pinnedUnits: Array.isArray(o.pinnedUnits) ? o.pinnedUnits.filter((u): u is string => typeof u === "string") : undefined,
    });
  }
  return out;
}

function expandHome(p: string | undefined): string | undefined {
  if (!p) return p;
  return p.startsWith("~/") ? `${process.env.HOME ?? ""}${p.slice(1)}` : p;
}

/**
 * `name` is an `etcetera.hosts` entry, else an ssh destination as ssh itself
 * reads it (a `Host` alias of the ssh config, `host`, or `user@host`).
 */
export function resolveHost(name: string, entries: HostEntry[], overrides: HostOverrides = {}): ResolvedHost {
  const entry = entries.find((e) => e.name === name);
  let destination = entry?.host ?? name;
  let user = overrides.login ?? entry?.user;
  const at = destination.lastIndexOf("@");
  if (!entry && at > 0) {
    user ??= destination.slice(0, at);
    destination = destination.slice(at + 1);
  }
  if (!destination) throw new RemoteError("unknown-host", "no host given (--host NAME)");
  return {
    name,
    target: {
      destination,
      user,
      port: entry?.port,
      identityFile: expandHome(entry?.identityFile),
      sshConfig: overrides.sshConfig,
    },
    sudo: entry?.sudo ?? true,
    scope: overrides.userScope ? "user" : (entry?.scope ?? "system"),
    pinnedUnits: entry?.pinnedUnits ?? [],
  };
}

export function transportFor(host: ResolvedHost, options: TransportOptions = {}): SshTransport {
  return new SshTransport(host.target, options);
}

export function hostLabel(host: ResolvedHost): string {
  return `${host.target.user ? `${host.target.user}@` : ""}${host.target.destination}`;
}
