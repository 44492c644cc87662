import { parseArgs } from "node:util";
import { hostLabel } from "../remote/hosts.js";
import { isHealthy, queryStatus } from "../remote/status.js";
import type { UnitStatus } from "../remote/types.js";
import { type CommandIO, UsageError } from "./lint.js";
import { paint, remoteContext, remoteOptions, remoteOptionsUsage, reportRemoteError } from "./remote-options.js";

export const statusUsage = `       etcetera status UNIT... ${remoteOptionsUsage.split("\n")[0]}   (exit 0 when every unit is active)`;

function row(s: UnitStatus, tty: boolean): string {
  const state = `${s.activeState} (${s.subState})`;
  const color = s.activeState === "active" ? "green" : s.activeState === "failed" || s.loadState !== "loaded" ? "red" : "yellow";
  const load = s.loadState === "loaded" ? "" : ` [${s.loadState}]`;
  return `${s.unit.padEnd(32)} ${paint(tty, color, state.padEnd(22))} ${(s.unitFileState || "-").padEnd(10)} ${String(s.mainPid || "-").padStart(7)}${load}  ${s.description}`;
}

export async function runStatus(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: remoteOptions });
  if (positionals.length === 0) throw new UsageError("status takes at least one UNIT");
  const ctx = await remoteContext(values);
  try {
    const where = hostLabel(ctx.host);
    const units = await queryStatus(ctx.transport, positionals, {
      scope: ctx.host.scope,
      sudo: ctx.host.sudo,
      where,
      user: ctx.host.target.user,
    });
    if (ctx.format === "text") {
      io.stdout(`${"UNIT".padEnd(32)} ${"ACTIVE (SUB)".padEnd(22)} ${"ENABLED".padEnd(10)} ${"PID".padStart(7)}  DESCRIPTION\n`);
      for (const s of units) io.stdout(`${row(s, io.isTTY)}\n`);
    } else io.stdout(`${JSON.stringify(units, null, 2)}\n`);
    return units.every(isHealthy) ? 0 : 1;
  } catch (e) {
    return reportRemoteError(e, io, ctx.format);
  }
}
