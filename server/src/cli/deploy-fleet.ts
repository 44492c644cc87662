import { readFile } from "node:fs/promises";
import { defaultSettings, type Settings, settingsFromConfiguration } from "../core/settings.js";
import { AnsibleFailure, AnsibleMissing } from "../remote/ansible/inventory.js";
import type { FleetFile } from "../remote/ansible/role.js";
import { type FleetResult, rollout } from "../remote/ansible/rollout.js";
import { lintForDeploy } from "../remote/deploy.js";
import { RemoteError } from "../remote/names.js";
import { deployTarget } from "../remote/targets.js";
import { type CommandIO, UsageError } from "./command.js";
import { printable, printableLines } from "./printable.js";
import { paint } from "./remote-options.js";

/** Reads and checks the files: where each goes, and its lint; lint errors stop everything unless forced. */
export async function fleetFiles(paths: string[], settings: Settings, force: boolean, io: CommandIO): Promise<FleetFile[] | number> {
  const files: FleetFile[] = [];
  let errors = 0;
  for (const file of paths) {
    let content: Buffer;
    try {
      content = await readFile(file);
    } catch (e) {
      throw new UsageError(`${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
    const text = content.toString("utf8");
    let target: ReturnType<typeof deployTarget>;
    try {
      target = deployTarget(file, "system", text);
    } catch (e) {
      if (e instanceof RemoteError) {
        io.stderr(`etcetera: ${printable(e.message)}\n`);
        return 2;
      }
      throw e;
    }
    for (const d of lintForDeploy(file, text, target, settings, content)) {
      io.stderr(`${file}:${d.line}:${d.column}: ${d.severity}: ${printable(d.message)} [${d.rule}]\n`);
      if (d.severity === "error") errors++;
    }
    files.push({ file, content, target });
  }
  if (errors > 0 && !force) {
    io.stderr(`etcetera: ${errors} lint error(s); nothing was sent (deploy anyway with --force)\n`);
    return 1;
  }
  return files;
}

const colorOf = (s: string) => (s === "deployed" ? "green" : s === "unchanged" || s === "not-run" ? "yellow" : "red");

function printText(r: FleetResult, io: CommandIO): void {
  const c = io.isTTY;
  for (const h of r.results) {
    const where = h.batch === undefined ? "" : h.batch === 1 ? " (canary)" : ` (batch ${h.batch})`;
    io.stdout(`${paint(c, colorOf(h.status), h.status)}: ${printable(h.host)}${where}: ${printableLines(h.message)}\n`);
    for (const f of h.files) {
      if (f.outcome === h.status && h.status === "deployed") continue;
      for (const l of f.verifyOutput) io.stdout(`  ${paint(c, "dim", "verify:")} ${printable(l)}\n`);
      if (f.journal.length) {
        io.stdout(`  ${paint(c, "bold", `last journal lines (${printable(f.destination)}):`)}\n`);
        for (const l of f.journal) io.stdout(`    ${printable(l)}\n`);
      }
    }
  }
  const count = (s: string) => r.results.filter((h) => h.status === s).length;
  const parts = ["deployed", "unchanged", "rolled-back", "rejected", "failed", "unreachable", "not-allowed", "not-run"]
    .filter((s) => count(s) > 0)
    .map((s) => `${count(s)} ${s}`);
  io.stdout(`${parts.join(", ")}${r.stopped ? "; the rollout stopped at the first failure" : ""}\n`);
}

/** The exit status: 0 every host deployed or unchanged; 3 the only failures are hosts we could not reach or act on; 1 otherwise. */
export function fleetExitCode(r: FleetResult): number {
  if (r.ok) return 0;
  const bad = r.results.filter((h) => h.status !== "deployed" && h.status !== "unchanged" && h.status !== "not-run");
  if (bad.length > 0 && bad.every((h) => h.status === "unreachable" || h.status === "not-allowed")) return 3;
  return 1;
}

export interface FleetValues {
  hosts?: string;
  inventory?: string;
  batch?: string;
  format?: string;
  config?: string;
  force?: boolean;
  "no-enable"?: boolean;
}

/** `etcetera deploy FILE... --hosts GROUP`: the verified deploy on every host of an Ansible group. */
export async function runFleetDeploy(
  paths: string[],
  values: FleetValues,
  wait: number,
  io: CommandIO,
  activateTimeoutSeconds?: number,
): Promise<number> {
  if (paths.length === 0) throw new UsageError("deploy --hosts needs at least one FILE");
  const format = values.format ?? "text";
  if (format !== "text" && format !== "json") throw new UsageError(`unknown --format '${format}' with --hosts; use text or json`);
  const batch = values.batch === undefined ? 5 : Number(values.batch);
  if (!Number.isInteger(batch) || batch < 1 || batch > 10000)
    throw new UsageError(`--batch takes a whole number of hosts, not '${values.batch}'`);
  let settings = defaultSettings;
  if (values.config) {
    try {
      settings = settingsFromConfiguration(JSON.parse(await readFile(values.config, "utf8")) as Record<string, unknown>);
    } catch (e) {
      throw new UsageError(`${values.config}: cannot read config: ${(e as Error).message}`);
    }
  }
  const files = await fleetFiles(paths, settings, values.force ?? false, io);
  if (typeof files === "number") return files;
  try {
    const result = await rollout({
      files,
      hosts: values.hosts as string,
      inventory: values.inventory,
      batch,
      waitSeconds: wait,
      activateTimeoutSeconds,
      enableOnFirstDeploy: !values["no-enable"],
      onOutput: format === "text" && io.isTTY ? (chunk) => io.stderr(chunk) : undefined,
    });
    if (format === "text") printText(result, io);
    else io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    return fleetExitCode(result);
  } catch (e) {
    if (!(e instanceof AnsibleMissing) && !(e instanceof RemoteError) && !(e instanceof AnsibleFailure)) throw e;
    const code = e instanceof RemoteError ? "unsupported-file" : e instanceof AnsibleMissing ? "ansible-missing" : "ansible";
    if (format === "text") io.stderr(`etcetera: ${printable(e.message)}\n`);
    else io.stdout(`${JSON.stringify({ type: "error", code, message: e.message })}\n`);
    return 2;
  }
}
