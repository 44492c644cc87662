import { fstatSync } from "node:fs";
import { parseArgs } from "node:util";
import { hostLabel } from "../remote/hosts.js";
import { followJournal, type JournalOptions, readJournal } from "../remote/journal.js";
import { checkUnitName } from "../remote/names.js";
import { sshFailure, sudoFailure } from "../remote/ssh.js";
import type { JournalEntry } from "../remote/types.js";
import { type CommandIO, UsageError } from "./command.js";
import { printable } from "./printable.js";
import { type Color, paint, remoteContextOrExit, remoteOptions, reportRemoteError } from "./remote-options.js";

export function priorityColor(p: number): Color | undefined {
  return p <= 3 ? "red" : p === 4 ? "yellow" : p >= 7 ? "dim" : undefined;
}

export function formatEntry(e: JournalEntry, tty: boolean): string {
  const head = `${e.time} ${printable(e.identifier)}${e.pid ? `[${e.pid}]` : ""}:`;
  const color = priorityColor(e.priority);
  const message = printable(e.message);
  return `${paint(tty, "dim", head)} ${color ? paint(tty, color, message) : message}`;
}

export async function runLogs(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { ...remoteOptions, follow: { type: "boolean", short: "f", default: false }, lines: { type: "string", short: "n" } },
  });
  if (positionals.length !== 1) throw new UsageError("logs takes exactly one UNIT");
  const unit = positionals[0] as string;
  const lines = values.lines === undefined ? 50 : Number(values.lines);
  if (!Number.isInteger(lines) || lines < 0) throw new UsageError("-n takes a number of lines");
  const ctx = await remoteContextOrExit(values, io);
  if (typeof ctx === "number") return ctx;
  const print = (e: JournalEntry) => io.stdout(ctx.format === "text" ? `${formatEntry(e, io.isTTY)}\n` : `${JSON.stringify(e)}\n`);
  const where = hostLabel(ctx.host);
  const opts: JournalOptions = { scope: ctx.host.scope, sudo: ctx.host.sudo, lines, where, user: ctx.host.target.user };
  try {
    checkUnitName(unit);
    if (!values.follow) {
      for (const e of await readJournal(ctx.transport, unit, opts)) print(e);
      return 0;
    }
    const follow = followJournal(ctx.transport, unit, opts, print);
    const stop = () => follow.stop();
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
    // A parent that talks to us through a pipe (the VS Code client) stops us by closing it.
    if (fstatSync(0).isFIFO()) process.stdin.on("end", stop).resume();
    const { code, stderr } = await follow.done;
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
    if (code === 255) throw sshFailure(ctx.transport.target, stderr);
    const sudo = sudoFailure(where, ctx.host.target.user, stderr);
    if (sudo) throw sudo;
    return 0;
  } catch (e) {
    return reportRemoteError(e, io, ctx.format);
  }
}
