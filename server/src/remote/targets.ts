import { basename, dirname } from "node:path";
import { detectKind, kindTable } from "../core/kinds.js";
import { cronDNameProblem, isTemplate, plainFileNameProblem, RemoteError, unitNameProblem, unitType } from "./names.js";
import type { DeployKind, Scope } from "./types.js";

/** Where a local file goes on the host and what makes it take effect. */
export interface DeployTarget {
  kind: DeployKind;
  /** The file name on the host (already validated). */
  name: string;
  /** Directory on the host; relative to the login user's home when `inHome`. */
  dir: string;
  inHome: boolean;
  /** The unit to (re)start and check: the unit itself, or the unit a drop-in extends. */
  unit?: string;
  mode: "0644" | "0600";
  scope: Scope;
}

const unitSuffix = /\.(service|socket|timer|path|mount|automount|swap|target|slice)$/;

function fail(message: string): never {
  throw new RemoteError("unsupported-file", message);
}

function checked(problem: string | undefined): void {
  if (problem) throw new RemoteError("invalid-name", problem);
}

/** Decides how `path` is deployed (its kind from the kinds table, then its name and directory), or says why it cannot be. */
export function deployTarget(path: string, scope: Scope, text = ""): DeployTarget {
  const name = basename(path);
  const parent = basename(dirname(path));
  const unitDir = scope === "user" ? ".config/systemd/user" : "/etc/systemd/system";
  const inHome = scope === "user";
  const kind = detectKind(path, text);
  if (kind === "systemd") {
    if (unitSuffix.test(name)) {
      checked(unitNameProblem(name));
      return { kind: "unit", name, dir: unitDir, inHome, unit: isTemplate(name) ? undefined : name, mode: "0644", scope };
    }
    const dropIn = /^(.+)\.d$/.exec(parent);
    if (dropIn && unitSuffix.test(dropIn[1] as string)) {
      const unit = dropIn[1] as string;
      checked(unitNameProblem(unit));
      checked(plainFileNameProblem(name, "drop-in name"));
      return { kind: "drop-in", name, dir: `${unitDir}/${parent}`, inHome, unit: isTemplate(unit) ? undefined : unit, mode: "0644", scope };
    }
    fail(`${path}: scope units and drop-ins for a whole unit type (service.d/) are not deployed; deploy a unit or UNIT.d/*.conf`);
  }
  if (kind === "cron" && (name === "crontab" || name.endsWith(".crontab")) && parent !== "etc") {
    return { kind: "user-crontab", name: "crontab", dir: "", inHome: false, mode: "0600", scope };
  }
  if (kind && scope === "user")
    fail(`${name}: only units, drop-ins and the user's crontab can be deployed in user scope; use scope "system"`);
  if (kind === "cron") {
    if (name === "crontab") return { kind: "system-crontab", name, dir: "/etc", inHome: false, mode: "0644", scope };
    if (parent === "cron.d") {
      checked(cronDNameProblem(name));
      return { kind: "cron.d", name, dir: "/etc/cron.d", inHome: false, mode: "0644", scope };
    }
    fail(`${path}: a crontab of another user (a spool file); deploy installs the login user's crontab from a file named crontab`);
  }
  if (kind === "logrotate") {
    checked(plainFileNameProblem(name, "logrotate file name"));
    if (/(\.dpkg-[a-z]+|\.ucf-[a-z]+|\.rpm[a-z]+|\.swp|~|,v|\.disabled)$/.test(name))
      fail(`logrotate ignores ${name} (a backup or package-manager suffix)`);
    return {
      kind: "logrotate",
      name,
      dir: name === "logrotate.conf" && parent !== "logrotate.d" ? "/etc" : "/etc/logrotate.d",
      inHome: false,
      mode: "0644",
      scope,
    };
  }
  if (kind === "netplan") {
    checked(plainFileNameProblem(name, "netplan file name"));
    if (!name.endsWith(".yaml")) fail(`netplan reads only *.yaml files; rename ${name}`);
    return { kind: "netplan", name, dir: "/etc/netplan", inHome: false, mode: "0600", scope };
  }
  fail(`${path}: Etcetera does not know where this file goes. Deployable: ${kindTable.map((k) => `${k.kind} → ${k.deploy}`).join("; ")}`);
}

/** The unit a trigger of `unit` would start (foo.timer → foo.service), used to avoid running a job on deploy. */
export function triggerCandidates(unit: string): string[] {
  if (unitType(unit) !== "service") return [];
  const stem = unit.slice(0, -".service".length);
  return [`${stem}.timer`, `${stem}.socket`, `${stem}.path`];
}

export function isDeployable(path: string): boolean {
  try {
    deployTarget(path, "system");
    return true;
  } catch {
    return false;
  }
}
