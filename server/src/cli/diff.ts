import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { remotePathOf } from "../remote/deploy.js";
import { hostLabel } from "../remote/hosts.js";
import { readInstalled } from "../remote/installed.js";
import { deployTarget } from "../remote/targets.js";
import { type CommandIO, UsageError } from "./command.js";
import { printable } from "./printable.js";
import { paint, remoteContextOrExit, remoteOptions, reportRemoteError } from "./remote-options.js";

export type DiffStatus = "same" | "differs" | "absent";

/**
 * A unified diff of two byte strings from the system's diff(1) (-a: bytes
 * that are not text are still compared line by line), or undefined when
 * diff(1) cannot be run.
 */
export function unifiedDiff(before: Buffer, after: Buffer, beforeLabel: string, afterLabel: string): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), "etcetera-diff-"));
  try {
    writeFileSync(join(dir, "a"), before);
    writeFileSync(join(dir, "b"), after);
    const r = spawnSync("diff", ["-a", "-u", "--label", beforeLabel, "--label", afterLabel, "--", join(dir, "a"), join(dir, "b")], {
      encoding: "utf8",
    });
    return r.status === 0 || r.status === 1 ? r.stdout : undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function colored(line: string, tty: boolean): string {
  const p = printable(line);
  if (line.startsWith("+++") || line.startsWith("---")) return paint(tty, "bold", p);
  if (line.startsWith("+")) return paint(tty, "green", p);
  if (line.startsWith("-")) return paint(tty, "red", p);
  if (line.startsWith("@@")) return paint(tty, "dim", p);
  return p;
}

/** `etcetera diff FILE --host H`: does the host's installed file match FILE? */
export async function runDiff(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: remoteOptions });
  if (positionals.length !== 1) throw new UsageError("diff takes exactly one FILE");
  const file = positionals[0] as string;
  const ctx = await remoteContextOrExit(values, io);
  if (typeof ctx === "number") return ctx;
  let local: Buffer;
  try {
    local = readFileSync(file);
  } catch (e) {
    throw new UsageError(`${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  try {
    const target = deployTarget(file, ctx.host.scope, local.toString("utf8"));
    const where = hostLabel(ctx.host);
    const remote = await readInstalled(ctx.transport, target, { sudo: ctx.host.sudo, where, user: ctx.host.target.user });
    const path = remotePathOf(target);
    const status: DiffStatus = remote === undefined ? "absent" : remote.equals(local) ? "same" : "differs";
    const diff = status === "differs" ? unifiedDiff(remote as Buffer, local, `${where}:${path}`, file) : undefined;
    if (ctx.format === "text") {
      if (status === "same") io.stdout(`same: ${printable(file)} = ${printable(where)}:${printable(path)}\n`);
      else if (status === "absent") io.stdout(`absent: ${printable(where)} has no ${printable(path)}\n`);
      else if (diff === undefined) io.stdout(`differs: ${printable(file)} ≠ ${printable(where)}:${printable(path)} (diff(1) not found)\n`);
      else for (const l of diff.replace(/\n$/, "").split("\n")) io.stdout(`${colored(l, io.isTTY)}\n`);
    } else {
      // The host's copy as text too, for an editor's diff view (local vs host).
      const installed = remote === undefined ? {} : { installed: remote.toString("utf8") };
      const out = { file, host: where, target: path, status, ...(diff !== undefined ? { diff } : {}), ...installed };
      io.stdout(`${JSON.stringify(out, null, ctx.format === "json" ? 2 : undefined)}\n`);
    }
    return status === "same" ? 0 : 1;
  } catch (e) {
    return reportRemoteError(e, io, ctx.format);
  }
}
