/**
 * Every name that reaches a remote shell is checked here first and then
 * quoted: unit names follow systemd's own rules (unit_name_is_valid), config
 * file names follow what the daemon that reads the directory accepts.
 */

export const unitTypes = [
  "service",
  "socket",
  "timer",
  "path",
  "mount",
  "automount",
  "swap",
  "target",
  "slice",
  "scope",
  "device",
] as const;
export type UnitType = (typeof unitTypes)[number];

const unitChars = /^[A-Za-z0-9:_.\\-]+$/;
const instanceChars = /^[A-Za-z0-9:_.\\@-]*$/;

/** Why `name` is not a valid systemd unit name, or undefined when it is (templates allowed). */
export function unitNameProblem(name: string): string | undefined {
  if (name.length === 0) return "the unit name is empty";
  if (name.length > 255) return "a unit name is at most 255 characters";
  const dot = name.lastIndexOf(".");
  const suffix = dot < 0 ? "" : name.slice(dot + 1);
  if (!(unitTypes as readonly string[]).includes(suffix)) return `'${name}' has no unit type suffix (.${unitTypes.join(", .")})`;
  const stem = name.slice(0, dot);
  const at = stem.indexOf("@");
  const prefix = at < 0 ? stem : stem.slice(0, at);
  if (prefix.length === 0) return `'${name}' has an empty name before the suffix or '@'`;
  if (!unitChars.test(prefix))
    return `'${name}' contains characters systemd does not allow in unit names (allowed: A-Z a-z 0-9 : _ . \\ -)`;
  if (at >= 0 && !instanceChars.test(stem.slice(at + 1))) return `'${name}' has characters systemd does not allow in an instance name`;
  return undefined;
}

export function isUnitName(name: string): boolean {
  return unitNameProblem(name) === undefined;
}

export function isTemplate(name: string): boolean {
  return /@\.[a-z]+$/.test(name);
}

export function unitType(name: string): UnitType {
  return name.slice(name.lastIndexOf(".") + 1) as UnitType;
}

/** Throws with the reason when `name` is not a unit name; returns it otherwise. */
export function checkUnitName(name: string): string {
  const problem = unitNameProblem(name);
  if (problem) throw new RemoteError("invalid-name", problem);
  return name;
}

/** Debian's cron reads only cron.d files named with letters, digits, '_' and '-' (no dots). */
export function cronDNameProblem(name: string): string | undefined {
  return /^[A-Za-z0-9_-]+$/.test(name)
    ? undefined
    : `cron ignores /etc/cron.d/${name}: the name may only have letters, digits, '_' and '-' (no dots)`;
}

/** Drop-in, logrotate.d and netplan names: no path separators, no shell metacharacters, not hidden. */
export function plainFileNameProblem(name: string, what: string): string | undefined {
  if (!/^[A-Za-z0-9_@:+-][A-Za-z0-9_.@:+-]*$/.test(name) || name.length > 255)
    return `${what} '${name}' must be made of letters, digits and . _ - @ : + (and not start with a dot)`;
  return undefined;
}

/** Quotes one word for a POSIX shell. */
export function shq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export type RemoteErrorCode =
  | "invalid-name"
  | "unsupported-file"
  | "unknown-host"
  | "ssh"
  | "host-key"
  | "auth"
  | "sudo-password"
  | "no-sudo"
  | "locked"
  | "protocol"
  | "cancelled";

/** An error the user can act on: a code for scripts and a sentence that says what to do. */
export class RemoteError extends Error {
  constructor(
    readonly code: RemoteErrorCode,
    message: string,
  ) {
    super(message);
  }
}
