import { spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

/** The user's Ansible inventory as `ansible-inventory --list` gives it. */
export interface Inventory {
  /** Group name → its own hosts and child groups, in the inventory's order. */
  groups: Record<string, { hosts: string[]; children: string[] }>;
  /** Every host, in the order the groups list them. */
  hosts: string[];
}

/** Ansible is missing: the message names the package to install. */
export class AnsibleMissing extends Error {
  constructor(readonly program: string) {
    super(
      `${program} was not found on PATH: install Ansible (Debian and Ubuntu: apt-get install ansible-core; elsewhere: pipx install ansible-core)`,
    );
  }
}

/** Ansible ran but could not do what was asked (inventory, playbook, no task run); the message is Ansible's. */
export class AnsibleFailure extends Error {}

/** The full path of `program` on PATH, or throws AnsibleMissing. */
export function findProgram(program: string, path = process.env.PATH ?? ""): string {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const p = join(dir, program);
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {}
  }
  throw new AnsibleMissing(program);
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a program to its end, stdin closed, collecting its output. */
export function runProgram(
  program: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; onStdout?: (chunk: string) => void } = {},
): Promise<Run> {
  return new Promise((ok) => {
    const child = spawn(program, args, { env: options.env ?? process.env, cwd: options.cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => {
      stdout += c;
      options.onStdout?.(c);
    });
    child.stderr.setEncoding("utf8").on("data", (c: string) => {
      stderr += c;
    });
    child.on("error", (e) => ok({ code: 127, stdout, stderr: `${stderr}${e.message}` }));
    child.on("close", (code, signal) => ok({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
  });
}

/** Reads `ansible-inventory --list` output; drops what is not a group. */
export function parseInventory(json: string): Inventory {
  const raw = JSON.parse(json) as Record<string, unknown>;
  const groups: Inventory["groups"] = {};
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((s): s is string => typeof s === "string") : []);
  for (const [name, value] of Object.entries(raw)) {
    if (name === "_meta" || typeof value !== "object" || value === null) continue;
    const g = value as Record<string, unknown>;
    groups[name] = { hosts: strings(g.hosts), children: strings(g.children) };
  }
  const hosts = hostsOfGroup(groups, "all");
  return { groups, hosts };
}

/** The hosts of a group and of its child groups, each once, in order. */
export function hostsOfGroup(groups: Inventory["groups"], name: string, seen = new Set<string>()): string[] {
  const g = groups[name];
  if (!g || seen.has(name)) return [];
  seen.add(name);
  const out: string[] = [...g.hosts];
  for (const c of g.children) for (const h of hostsOfGroup(groups, c, seen)) if (!out.includes(h)) out.push(h);
  return out;
}

/**
 * The hosts a pattern names: groups and hosts separated by commas or colons.
 * Undefined for what only Ansible resolves (`&`, `!`, wildcards, ranges).
 */
export function hostsOfPattern(inv: Inventory, pattern: string): string[] | undefined {
  if (/[&!*?[\]~]/.test(pattern)) return undefined;
  const out: string[] = [];
  for (const part of pattern.split(/[,:]/).map((p) => p.trim())) {
    if (!part) continue;
    const hosts = inv.groups[part] ? hostsOfGroup(inv.groups, part) : inv.hosts.includes(part) ? [part] : [];
    for (const h of hosts) if (!out.includes(h)) out.push(h);
  }
  return out;
}

/** `ansible-inventory [-i FILE] --list`, parsed; throws AnsibleMissing or an Error with Ansible's message. */
export async function readInventory(file: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<Inventory> {
  const program = findProgram("ansible-inventory", env.PATH);
  const r = await runProgram(program, [...(file ? ["-i", file] : []), "--list"], { env: { ...env, ANSIBLE_NOCOLOR: "1" } });
  if (r.code !== 0) throw new AnsibleFailure(`ansible-inventory could not read the inventory: ${lastLines(r.stderr || r.stdout)}`);
  try {
    return parseInventory(r.stdout);
  } catch (e) {
    throw new AnsibleFailure(`ansible-inventory printed no JSON: ${(e as Error).message}`);
  }
}

export function lastLines(s: string, n = 3): string {
  return s.trim().split("\n").slice(-n).join(" ").trim();
}
