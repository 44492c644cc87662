import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { DeployOutcome } from "../types.js";
import { eventsPluginName, eventsPluginSource } from "./events-plugin.js";
import { AnsibleFailure, findProgram, hostsOfPattern, type Inventory, lastLines, readInventory, runProgram } from "./inventory.js";
import { destinationPath, type FleetFile, projectFiles, type RoleOptions } from "./role.js";

/** What happened on one host, worst first when a host had several files. */
export type FleetHostStatus = "unreachable" | "not-allowed" | "rolled-back" | "rejected" | "failed" | "not-run" | "deployed" | "unchanged";

const severity: FleetHostStatus[] = ["unreachable", "not-allowed", "failed", "rolled-back", "rejected", "not-run", "deployed", "unchanged"];

export interface FleetFileResult {
  file: string;
  /** Where it goes on the host. */
  destination: string;
  outcome: DeployOutcome | "unreachable" | "not-allowed" | "not-run";
  message: string;
  verifyOutput: string[];
  journal: string[];
}

export interface FleetHostResult {
  host: string;
  status: FleetHostStatus;
  /** 1 is the canary; undefined when the rollout stopped before this host. */
  batch?: number;
  message: string;
  files: FleetFileResult[];
}

export interface FleetResult {
  type: "fleet-result";
  ok: boolean;
  hosts: string;
  /** True when a failure stopped the rollout before every host was reached. */
  stopped: boolean;
  batches: string[][];
  results: FleetHostResult[];
  /** ansible-playbook's exit status. */
  ansibleExit: number;
  durationMs: number;
}

export interface RolloutOptions extends RoleOptions {
  files: FleetFile[];
  /** A group or host pattern of the inventory. */
  hosts: string;
  inventory?: string;
  /** Hosts per batch after the canary. */
  batch: number;
  env?: NodeJS.ProcessEnv;
  /** Ansible's own screen output, as it comes. */
  onOutput?: (chunk: string) => void;
}

interface AnsibleEvent {
  event: "task" | "result";
  task: string;
  host?: string;
  status?: "ok" | "failed" | "unreachable" | "skipped";
  result?: { msg?: unknown; rc?: number; stdout?: string; stdout_lines?: string[]; stderr?: string; stderr_lines?: string[] };
}

const tagPattern = /\[etcetera (\d+)\/(\w+)\]/;

/** Lines of the host script's "@@EVENT rest" output. */
function scriptEvents(lines: string[]): {
  outcome?: string;
  message: string;
  verify: string[];
  journal: string[];
  activate: string[];
  error?: string;
} {
  const out: ReturnType<typeof scriptEvents> = { message: "", verify: [], journal: [], activate: [] };
  for (const line of lines) {
    const m = /^@@(\w+)(?: (.*))?$/.exec(line);
    if (!m) continue;
    const rest = m[2] ?? "";
    if (m[1] === "outcome") {
      const sp = rest.indexOf(" ");
      out.outcome = sp < 0 ? rest : rest.slice(0, sp);
      out.message = sp < 0 ? "" : rest.slice(sp + 1);
    } else if (m[1] === "verify") out.verify.push(rest);
    else if (m[1] === "journal") out.journal.push(rest);
    else if (m[1] === "activate" || m[1] === "err") out.activate.push(rest);
    else if (m[1] === "error") out.error = rest.replace(/^\w+ /, "");
  }
  return out;
}

const sudoPattern =
  /sudo password|password is required|a terminal is required|not in the sudoers|may not run sudo|Incorrect sudo password/i;

function lines(r: AnsibleEvent["result"]): string[] {
  if (!r) return [];
  return r.stdout_lines ?? (typeof r.stdout === "string" ? r.stdout.split("\n") : []);
}

/** The summary from the events file: per host, per file, the outcome the host script or Ansible reported. */
export function summarize(
  events: AnsibleEvent[],
  files: FleetFile[],
  allHosts: string[] | undefined,
): Omit<FleetResult, "hosts" | "ansibleExit" | "durationMs"> {
  const batches: string[][] = [];
  const byHost = new Map<string, FleetHostResult>();
  const hostResult = (host: string): FleetHostResult => {
    let r = byHost.get(host);
    if (!r) {
      r = {
        host,
        status: "not-run",
        message: "",
        files: files.map((f) => ({
          file: f.file,
          destination: f.target.kind === "user-crontab" ? "crontab -l" : `/${destinationPath(f.target)}`,
          outcome: "not-run",
          message: "",
          verifyOutput: [],
          journal: [],
        })),
      };
      byHost.set(host, r);
    }
    return r;
  };
  for (const h of allHosts ?? []) hostResult(h);
  for (const e of events) {
    const tag = tagPattern.exec(e.task);
    if (!tag) continue;
    const index = Number(tag[1]);
    const step = tag[2] as string;
    if (e.event === "task") {
      // Every batch runs the role from its first task again.
      if (index === 1 && step === "tmp") batches.push([]);
      continue;
    }
    if (!e.host || !e.status) continue;
    const h = hostResult(e.host);
    const batch = batches.length;
    if (h.batch === undefined && batch > 0) {
      h.batch = batch;
      batches[batch - 1]?.push(e.host);
    }
    const f = h.files[index - 1];
    if (!f) continue;
    const msg = typeof e.result?.msg === "string" ? e.result.msg : "";
    if (e.status === "unreachable") {
      f.outcome = "unreachable";
      f.message = `cannot connect: ${lastLines(msg, 2)}`;
      continue;
    }
    if (step === "install" || (step === "verify" && e.status === "failed")) {
      const ev = scriptEvents([...lines(e.result), ...(e.result?.stderr_lines ?? [])]);
      f.verifyOutput = ev.verify;
      f.journal = ev.journal;
      if (ev.outcome) {
        f.outcome = ev.outcome as DeployOutcome;
        f.message = [ev.message, ...(ev.outcome === "rolled-back" || ev.outcome === "failed" ? ev.activate : [])].join("\n").trim();
      } else if (e.status === "failed") {
        f.outcome = "failed";
        f.message = ev.error ?? (lastLines(e.result?.stderr ?? "", 2) || msg || "failed");
      }
      continue;
    }
    if (e.status === "failed" && step !== "stop" && f.outcome === "not-run") {
      const text = `${msg} ${e.result?.stderr ?? ""} ${e.result?.stdout ?? ""}`;
      f.outcome = sudoPattern.test(text) ? "not-allowed" : "failed";
      f.message =
        f.outcome === "not-allowed"
          ? `sudo on this host asks for a password (or refuses): ${lastLines(msg, 2)}; nothing was changed. Allow the login user passwordless sudo, or export the role (etcetera export ansible) and run it with --ask-become-pass`
          : lastLines(msg || e.result?.stderr || "failed", 3);
    }
  }
  const results = [...byHost.values()];
  for (const r of results) {
    const statuses = r.files.map((f) => f.outcome as string);
    r.status =
      severity.find((s) => statuses.includes(s)) ??
      (statuses.includes("lint-errors") || statuses.includes("cancelled") ? "failed" : "not-run");
    const worst = r.files.find((f) => f.outcome === r.status);
    r.message =
      r.status === "not-run"
        ? r.batch === undefined
          ? "not reached: the rollout stopped before this host"
          : "not run"
        : r.status === "deployed" || r.status === "unchanged"
          ? r.files.map((f) => `${f.destination}: ${f.outcome}`).join("; ")
          : `${worst?.destination}: ${worst?.message}`;
  }
  const failed = results.some((r) => r.status !== "deployed" && r.status !== "unchanged");
  return {
    type: "fleet-result",
    ok: results.length > 0 && !failed,
    stopped: results.some((r) => r.batch === undefined),
    batches,
    results,
  };
}

/**
 * Rolls the files out to `hosts` through ansible-playbook: the role and
 * playbook of role.ts in a private directory, run with Etcetera's events
 * plugin. Throws AnsibleMissing when Ansible is not installed.
 */
export async function rollout(o: RolloutOptions): Promise<FleetResult> {
  const started = Date.now();
  const env = o.env ?? process.env;
  const playbookProgram = findProgram("ansible-playbook", env.PATH);
  const inventory: Inventory = await readInventory(o.inventory, env);
  const targeted = hostsOfPattern(inventory, o.hosts);
  if (targeted && targeted.length === 0)
    throw new AnsibleFailure(`no host of the inventory matches '${o.hosts}' (groups: ${Object.keys(inventory.groups).join(", ")})`);
  const dir = await mkdtemp(join(tmpdir(), "etcetera-ansible-"));
  try {
    for (const f of projectFiles(o.files, o)) {
      const p = join(dir, "project", f.path);
      await mkdir(dirname(p), { recursive: true });
      await writeFile(p, f.content, { mode: 0o600 });
    }
    await mkdir(join(dir, "plugins"));
    await writeFile(join(dir, "plugins", `${eventsPluginName}.py`), eventsPluginSource);
    const eventsFile = join(dir, "events.jsonl");
    await writeFile(eventsFile, "");
    const vars = join(dir, "vars.json");
    await writeFile(vars, JSON.stringify({ etcetera_hosts: o.hosts, etcetera_batch: o.batch, etcetera_wait_seconds: o.waitSeconds }));
    const args = [...(o.inventory ? ["-i", o.inventory] : []), join(dir, "project", "playbook.yml"), "-e", `@${vars}`];
    const run = await runProgram(playbookProgram, args, {
      env: {
        ...env,
        ANSIBLE_CALLBACK_PLUGINS: join(dir, "plugins"),
        ANSIBLE_CALLBACKS_ENABLED: eventsPluginName,
        ETCETERA_ANSIBLE_EVENTS: eventsFile,
        ANSIBLE_RETRY_FILES_ENABLED: "0",
        ANSIBLE_NOCOLOR: "1",
        // One ssh session per task instead of several: the same guarantees, fewer round trips.
        ANSIBLE_PIPELINING: env.ANSIBLE_PIPELINING ?? "1",
        ANSIBLE_PYTHON_INTERPRETER: env.ANSIBLE_PYTHON_INTERPRETER ?? "auto_silent",
      },
      onStdout: o.onOutput,
    });
    const events = (await readFile(eventsFile, "utf8"))
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as AnsibleEvent);
    if (events.length === 0)
      throw new AnsibleFailure(`ansible-playbook ran no task (exit ${run.code}): ${lastLines(run.stderr || run.stdout, 4) || "no output"}`);
    const summary = summarize(events, o.files, targeted);
    return { ...summary, hosts: o.hosts, ansibleExit: run.code, durationMs: Date.now() - started };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
