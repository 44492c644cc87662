/**
 * The command lines of a unit (ExecStart= and the other config_parse_exec
 * settings) as systemd splits them, and whether a command hands its
 * arguments to a shell (`/bin/sh -c '…'`), where shell syntax is meant.
 */
import type { Entry } from "./parser.js";
import { allEntries, type UnitCheckContext } from "./rule.js";
import { type ExecCommand, type ExecParse, parseExecValue } from "./values/command.js";

const shells = new Set(["sh", "bash", "dash", "zsh", "ksh", "mksh", "ash", "busybox", "fish"]);
const baseName = (path: string) => path.slice(path.lastIndexOf("/") + 1);

export interface ExecLine {
  entry: Entry;
  command: ExecCommand;
}

/** Per check: several rules walk the command lines of the same unit. */
const linesOfCheck = new WeakMap<UnitCheckContext, readonly ExecLine[]>();

/** Every command of every Exec*= assignment systemd parses as a command line. */
export function execLines(ctx: UnitCheckContext): readonly ExecLine[] {
  let lines = linesOfCheck.get(ctx);
  if (!lines) {
    lines = collectExecLines(ctx);
    linesOfCheck.set(ctx, lines);
  }
  return lines;
}

/**
 * The command lines in file order: one walk over the assignments, asking each for its directive (kept on the
 * assignment), and each assignment's lines made once. Gathering them by key and sorting them by line cost a
 * 5,000-line unit three times as much at every check.
 */
function collectExecLines(ctx: UnitCheckContext): ExecLine[] {
  const out: ExecLine[] = [];
  for (const entry of allEntries(ctx.unit)) {
    if (ctx.directiveOf(entry)?.parser !== "config_parse_exec") continue;
    for (const line of linesOfEntry(entry, ctx)) out.push(line);
  }
  return out;
}

const linesByEntry = new WeakMap<Entry, readonly ExecLine[]>();

function linesOfEntry(entry: Entry, ctx: UnitCheckContext): readonly ExecLine[] {
  let lines = linesByEntry.get(entry);
  if (!lines) {
    lines = execCommandsOf(entry, ctx).map((command) => ({ entry, command }));
    linesByEntry.set(entry, lines);
  }
  return lines;
}

/** The parse of each assignment's value, by the assignment: found by identity where the cache by value compares strings. */
const parsesOfEntry = new WeakMap<Entry, ExecParse>();

/** The commands of one assignment that systemd parses as command lines (Exec*=); none for any other, or for one that does not parse. */
export function execCommandsOf(entry: Entry, ctx: UnitCheckContext): readonly ExecCommand[] {
  if (entry.value === "" || ctx.directiveOf(entry)?.parser !== "config_parse_exec") return [];
  let parsed = parsesOfEntry.get(entry);
  if (!parsed) {
    parsed = parseExecValue(entry.value);
    parsesOfEntry.set(entry, parsed);
  }
  return parsed.ok ? parsed.commands : [];
}

/** Whether a shell interprets (part of) the command: `sh -c …`, `env bash -ec …`, `busybox sh -c …`. */
export function runsShell(command: ExecCommand): boolean {
  // Commands are kept by value across checks (parseExecValue), so is the answer.
  let answer = shellRunners.get(command);
  if (answer === undefined) {
    answer = handsToShell(command);
    shellRunners.set(command, answer);
  }
  return answer;
}

const shellRunners = new WeakMap<ExecCommand, boolean>();

function handsToShell(command: ExecCommand): boolean {
  const words = [command.executable.text, ...command.args.map((a) => a.text)];
  const shellAt = words.findIndex((w) => shells.has(baseName(w)));
  if (shellAt < 0) return false;
  return words.slice(shellAt + 1).some((w) => /^-[a-zA-Z]*c[a-zA-Z]*$/.test(w) || w === "--command");
}

/** The program a command runs, without its directory. */
export const programName = (command: ExecCommand) => baseName(command.executable.text);
