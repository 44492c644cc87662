import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { defaultActivateTimeoutSeconds, defaultNetplanConfirmSeconds, defaultWaitSeconds, deploy } from "../remote/deploy.js";
import type { DeployResult } from "../remote/types.js";
import { type CommandIO, UsageError } from "./command.js";
import { runFleetDeploy } from "./deploy-fleet.js";
import { printable, printableLines } from "./printable.js";
import { exitCodeFor, paint, remoteContextOrExit, remoteOptions, reportRemoteError } from "./remote-options.js";

function printText(r: DeployResult, io: CommandIO): void {
  const c = io.isTTY;
  for (const d of r.lint) io.stderr(`${r.file}:${d.line}:${d.column}: ${d.severity}: ${printable(d.message)} [${d.rule}]\n`);
  for (const l of r.verifyOutput) io.stderr(`  ${paint(c, "dim", "verify:")} ${printable(l)}\n`);
  if (r.journal.length) {
    io.stderr(`${paint(c, "bold", `last journal lines of ${r.unit}:`)}\n`);
    for (const l of r.journal) io.stderr(`  ${printable(l)}\n`);
  }
  const color = r.ok ? "green" : r.outcome === "unchanged" ? "yellow" : "red";
  io.stdout(`${paint(c, color, r.outcome)}: ${r.file} → ${r.host}:${r.remotePath}: ${printableLines(r.message)}\n`);
  if (r.status)
    io.stdout(
      `  ${printable(r.status.unit)}: ${printable(r.status.activeState)} (${printable(r.status.subState)}), ${printable(r.status.unitFileState) || "-"}, main PID ${r.status.mainPid}\n`,
    );
}

/** `--wait`: whole seconds, 1..600. */
export function parseWait(value: string | undefined): number {
  if (value === undefined) return defaultWaitSeconds;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 600)
    throw new UsageError(`--wait takes whole seconds from 1 to 600, not '${value}'`);
  return Number(value);
}

/** `--confirm-timeout`: whole seconds, 5..3600. */
export function parseConfirmTimeout(value: string | undefined): number {
  if (value === undefined) return defaultNetplanConfirmSeconds;
  if (!/^\d+$/.test(value) || Number(value) < 5 || Number(value) > 3600)
    throw new UsageError(`--confirm-timeout takes whole seconds from 5 to 3600, not '${value}'`);
  return Number(value);
}

/** `--activate-timeout`: whole seconds, 5..3600, that one blocking systemctl restart or stop may take on the host. */
export function parseActivateTimeout(value: string | undefined): number {
  if (value === undefined) return defaultActivateTimeoutSeconds;
  if (!/^\d+$/.test(value) || Number(value) < 5 || Number(value) > 3600)
    throw new UsageError(`--activate-timeout takes whole seconds from 5 to 3600, not '${value}'`);
  return Number(value);
}

/** `etcetera deploy FILE --host H`: exit 0 when the file is installed and its unit healthy (or unchanged and healthy). */
export async function runDeploy(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...remoteOptions,
      force: { type: "boolean", default: false },
      "no-enable": { type: "boolean", default: false },
      wait: { type: "string" },
      hosts: { type: "string" },
      inventory: { type: "string", short: "i" },
      batch: { type: "string" },
      "confirm-timeout": { type: "string" },
      "activate-timeout": { type: "string" },
    },
  });
  if (values.hosts !== undefined) {
    if (values.host !== undefined) throw new UsageError("deploy takes --host H or --hosts GROUP, not both");
    return runFleetDeploy(positionals, values, parseWait(values.wait), io, parseActivateTimeout(values["activate-timeout"]));
  }
  if (values.inventory !== undefined || values.batch !== undefined) throw new UsageError("--inventory and --batch go with --hosts GROUP");
  if (positionals.length !== 1) throw new UsageError("deploy takes exactly one FILE");
  const file = positionals[0] as string;
  const wait = parseWait(values.wait);
  const confirmTimeout = parseConfirmTimeout(values["confirm-timeout"]);
  const activateTimeout = parseActivateTimeout(values["activate-timeout"]);
  const ctx = await remoteContextOrExit(values, io);
  if (typeof ctx === "number") return ctx;
  let content: Buffer;
  try {
    content = await readFile(file);
  } catch (e) {
    throw new UsageError(`${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  const abort = new AbortController();
  let changing = false;
  const onSignal = () => {
    if (changing) io.stderr("etcetera: the host is being changed; the deploy finishes (or rolls back) by itself\n");
    abort.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    const result = await deploy({
      file,
      // Lint reads a decoded copy; the host gets exactly these bytes.
      text: content.toString("utf8"),
      content,
      host: ctx.host,
      transport: ctx.transport,
      settings: ctx.settings,
      force: values.force,
      enableOnFirstDeploy: !values["no-enable"],
      waitSeconds: wait,
      netplanConfirmSeconds: confirmTimeout,
      activateTimeoutSeconds: activateTimeout,
      signal: abort.signal,
      onProgress: (p) => {
        if (!p.cancellable) changing = true;
        if (ctx.format === "jsonl") io.stdout(`${JSON.stringify(p)}\n`);
        else if (ctx.format === "text" && io.isTTY) io.stderr(`${paint(true, "dim", `[${p.step}] ${printable(p.message)}`)}\n`);
      },
    });
    if (ctx.format === "text") printText(result, io);
    else io.stdout(`${JSON.stringify(result, null, ctx.format === "json" ? 2 : undefined)}\n`);
    if (result.errorCode) return exitCodeFor(result.errorCode);
    return result.ok ? 0 : 1;
  } catch (e) {
    return reportRemoteError(e, io, ctx.format);
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}
