import { decode, safe } from "ini";
import { checkUnitName, RemoteError, shq } from "./names.js";
import { frameScript, type SshTransport, shellLauncher, sshFailure, sudoFailure } from "./ssh.js";
import type { Scope, UnitStatus } from "./types.js";

/** The `systemctl show` properties a status needs, in the order they are asked for. */
export const statusProperties = [
  "Id",
  "Description",
  "LoadState",
  "ActiveState",
  "SubState",
  "UnitFileState",
  "MainPID",
  "Result",
  "NRestarts",
  "ActiveEnterTimestamp",
  "FragmentPath",
] as const;

/**
 * Parses `systemctl show` output (KEY=value lines, one block per unit,
 * blocks separated by an empty line). Values go through ini's `safe` first,
 * so that '#', ';' and quotes in a Description stay part of the value.
 */
export function parseShow(output: string): Record<string, string>[] {
  return output
    .split(/\n\s*\n/)
    .map((block) =>
      block
        .split("\n")
        .filter((l) => l.includes("="))
        .map((l) => {
          const eq = l.indexOf("=");
          return `${l.slice(0, eq)}=${safe(l.slice(eq + 1))}`;
        })
        .join("\n"),
    )
    .filter((b) => b.length > 0)
    .map((b) => {
      const parsed = decode(b) as Record<string, unknown>;
      return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, typeof v === "string" ? v : String(v)]));
    });
}

/** systemd's timestamp ("Sun 2026-11-22 01:20:03 UTC") as ISO 8601, "" when unset. */
export function isoTime(s: string | undefined): string {
  if (!s || s === "n/a") return "";
  // "Sun 2026-11-22 01:20:03 UTC": systemd's own format; Date parses the part after the weekday.
  const d = new Date(s.replace(/^[A-Z][a-z]{2} /, "").replace(/ ([A-Z]{2,5})$/, (_m, z: string) => (z === "UTC" ? "Z" : ` ${z}`)));
  return Number.isNaN(d.getTime()) ? s : d.toISOString();
}

export function unitStatus(props: Record<string, string>, fallbackName = ""): UnitStatus {
  return {
    unit: props.Id || fallbackName,
    description: props.Description ?? "",
    loadState: props.LoadState ?? "",
    activeState: props.ActiveState ?? "",
    subState: props.SubState ?? "",
    unitFileState: props.UnitFileState ?? "",
    mainPid: Number(props.MainPID ?? 0) || 0,
    result: props.Result ?? "",
    nRestarts: Number(props.NRestarts ?? 0) || 0,
    activeSince: isoTime(props.ActiveEnterTimestamp),
    fragmentPath: props.FragmentPath ?? "",
  };
}

export interface StatusOptions {
  scope: Scope;
  sudo: boolean;
  where: string;
  user?: string;
  signal?: AbortSignal;
}

/** The status of each unit, in one round trip (`systemctl show` needs no root). */
export async function queryStatus(transport: SshTransport, units: string[], opts: StatusOptions): Promise<UnitStatus[]> {
  if (units.length === 0) return [];
  for (const u of units) checkUnitName(u);
  const props = statusProperties.map((p) => `-p ${p}`).join(" ");
  const command = `systemctl ${opts.scope === "user" ? "--user " : ""}show ${props} -- ${units.map(shq).join(" ")}`;
  const res = await transport.run(shellLauncher(false), { input: frameScript(command), signal: opts.signal });
  if (res.code === 255) throw sshFailure(transport.target, res.stderr);
  if (res.code !== 0)
    throw (
      sudoFailure(opts.where, opts.user, res.stderr) ??
      new RemoteError("ssh", `systemctl show failed on ${opts.where}: ${res.stderr.trim()}`)
    );
  const blocks = parseShow(res.stdout);
  if (blocks.length !== units.length)
    throw new RemoteError("protocol", `systemctl show returned ${blocks.length} units for ${units.length}`);
  return blocks.map((b, i) => unitStatus(b, units[i]));
}

/** True when the unit is in the state a deploy or `status` asks for: loaded and active. */
export function isHealthy(s: UnitStatus): boolean {
  return s.loadState === "loaded" && s.activeState === "active";
}
