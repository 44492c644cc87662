import { parseArgs } from "node:util";
import { catUnit } from "../remote/cat.js";
import { hostLabel } from "../remote/hosts.js";
import { runLocalCat } from "./cat-local.js";
import { type CommandIO, UsageError } from "./command.js";
import { printable, printableLines } from "./printable.js";
import { remoteContextOrExit, remoteOptions, reportRemoteError } from "./remote-options.js";

/** `etcetera cat UNIT --host H`: read-only, control characters escaped in text. */
export async function runCat(argv: string[], io: CommandIO): Promise<number> {
  if (argv.includes("--local")) return runLocalCat(argv, io);
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: remoteOptions });
  if (positionals.length !== 1) throw new UsageError("cat takes exactly one UNIT");
  const unit = positionals[0] as string;
  const ctx = await remoteContextOrExit(values, io);
  if (typeof ctx === "number") return ctx;
  try {
    const where = hostLabel(ctx.host);
    const r = await catUnit(ctx.transport, unit, { scope: ctx.host.scope, where, user: ctx.host.target.user });
    if (ctx.format === "text") {
      if (r.found) io.stdout(`${printableLines(r.text.replace(/\n$/, ""))}\n`);
      else io.stderr(`etcetera: ${printable(where)}: ${printable(r.message || `no files for ${unit}`)}\n`);
    } else io.stdout(`${JSON.stringify({ unit, host: where, ...r }, null, ctx.format === "json" ? 2 : undefined)}\n`);
    return r.found ? 0 : 1;
  } catch (e) {
    return reportRemoteError(e, io, ctx.format);
  }
}
