/**
 * The command lines of a unit (ExecStart= and the other config_parse_exec
 * settings) as systemd splits them, and whether a command hands its
 * arguments to a shell (`/bin/sh -c '…'`), where shell syntax is meant.
 */
import type { Entry } from "./parser.js";
import type { UnitCheckContext } from "./rule.js";
import { keyIndexOf } from "./unit-query.js";
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
 * The command lines in file order. Found through the file's index by section and key (one directive per
 * key), not by a walk over every assignment; each assignment's lines are made once.
 */
function collectExecLines(ctx: UnitCheckContext): ExecLine[] {
  const out: ExecLine[] = [];
  for (const byKey of keyIndexOf(ctx.unit).values())
    for (const entries of byKey.values()) {
      if (ctx.directiveOf(entries[0] as Entry)?.parser !== "config_parse_exec") continue;
      for (const entry of entries) out.push(...linesOfEntry(entry, ctx));
    }
  return out.sort((a, b) => a.entry.range.start.line - b.entry.range.start.line);
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
