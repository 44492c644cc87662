import { parseArgs } from "node:util";
import { unitAction } from "../remote/actions.js";
import { hostLabel } from "../remote/hosts.js";
import { isHealthy, queryStatus } from "../remote/status.js";
import type { UnitAction, UnitStatus } from "../remote/types.js";
import { queryUnitPage } from "../remote/unit-page.js";
import { unitPageText } from "../remote/unit-page-text.js";
import { type CommandIO, UsageError } from "./command.js";
import { printable, printableLines } from "./printable.js";
import { paint, type RemoteContext, remoteContextOrExit, remoteOptions, reportRemoteError } from "./remote-options.js";

const actions: UnitAction[] = ["start", "stop", "restart", "reload", "enable", "disable", "mask", "unmask", "reset-failed", "rollback"];

function row(s: UnitStatus, tty: boolean): string {
  const state = `${s.activeState} (${s.subState})`;
  const color = s.activeState === "active" ? "green" : s.activeState === "failed" || s.loadState !== "loaded" ? "red" : "yellow";
  const load = s.loadState === "loaded" ? "" : ` [${s.loadState}]`;
  return `${printable(s.unit).padEnd(32)} ${paint(tty, color, printable(state).padEnd(22))} ${printable(s.unitFileState || "-").padEnd(10)} ${String(s.mainPid || "-").padStart(7)}${printable(load)}  ${printable(s.description)}`;
}

export async function runStatus(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...remoteOptions,
      action: { type: "string" },
      details: { type: "boolean", default: false },
      lines: { type: "string", short: "n" },
    },
  });
  if (positionals.length === 0) throw new UsageError("status takes at least one UNIT");
  const action = values.action as UnitAction | undefined;
  if (action !== undefined && !actions.includes(action)) throw new UsageError(`unknown --action '${action}'; use ${actions.join(", ")}`);
  if (action && positionals.length !== 1) throw new UsageError("--action acts on exactly one UNIT");
  if (values.details && (action || positionals.length !== 1)) throw new UsageError("--details shows exactly one UNIT, without --action");
  const lines = values.lines === undefined ? 20 : Number(values.lines);
  if (!Number.isInteger(lines) || lines < 0 || lines > 10000) throw new UsageError("-n takes a number of journal lines (0..10000)");
  const ctx = await remoteContextOrExit(values, io);
  if (typeof ctx === "number") return ctx;
  try {
    const where = hostLabel(ctx.host);
    if (action) return await runAction(action, positionals[0] as string, ctx, io);
    if (values.details) return await runDetails(positionals[0] as string, lines, ctx, io);
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

async function runAction(action: UnitAction, unit: string, ctx: RemoteContext, io: CommandIO): Promise<number> {
  const where = hostLabel(ctx.host);
  const r = await unitAction(ctx.transport, unit, action, {
    scope: ctx.host.scope,
    sudo: ctx.host.sudo,
    where,
    user: ctx.host.target.user,
  });
  if (ctx.format === "text") {
    io.stdout(`${printableLines(r.message)}\n`);
    if (r.status) io.stdout(`${row(r.status, io.isTTY)}\n`);
  } else io.stdout(`${JSON.stringify({ action, unit, ...r }, null, 2)}\n`);
  return r.ok && reachedAskedState(action, r.status) ? 0 : 1;
}

async function runDetails(unit: string, lines: number, ctx: RemoteContext, io: CommandIO): Promise<number> {
  const page = await queryUnitPage(ctx.transport, unit, {
    scope: ctx.host.scope,
    sudo: ctx.host.sudo,
    where: hostLabel(ctx.host),
    user: ctx.host.target.user,
    lines,
  });
  if (ctx.format === "text") io.stdout(`${printableLines(unitPageText(page))}\n`);
  else io.stdout(`${JSON.stringify(page, null, ctx.format === "json" ? 2 : undefined)}\n`);
  return isHealthy(page) ? 0 : 1;
}

/** The state each action asks for: stopped after stop, masked after mask, not failed after reset-failed, loaded and active after start, restart, reload and rollback. */
export function reachedAskedState(action: UnitAction, s: UnitStatus | undefined): boolean {
  switch (action) {
    case "stop":
      return s?.activeState !== "active";
    case "enable":
    case "disable":
      return true;
    case "mask":
      return s?.loadState === "masked";
    case "unmask":
      return s !== undefined && s.loadState !== "masked";
    case "reset-failed":
      return s !== undefined && s.activeState !== "failed";
    default:
      return s ? isHealthy(s) : false;
  }
}
