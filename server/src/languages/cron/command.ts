import type { Dialect } from "./data.js";
import type { JobInfo } from "./rule.js";
import { userLooksLikeCommand } from "./rules/missing-user.js";
import { unescapedPercents } from "./rules/unescaped-percent.js";
import { readShell, type ShellCommand } from "./shell.js";

/**
 * Whether cron accepts the job's time part and, in a system crontab, it has a
 * user field that is not evidently a command (only then do the command rules
 * speak: otherwise cron rejects the line, and other rules say why).
 */
export function runsAtAll(info: JobInfo): boolean {
  if (info.envLike || (info.schedule === undefined && info.job.special === undefined) || info.command.trim() === "") return false;
  return info.user === undefined || !userLooksLikeCommand(info.user.text);
}

/**
 * The part of the command the shell receives: cron cuts it at the first
 * unescaped '%' (the rest becomes standard input). Offsets stay those of
 * `info.command`.
 */
export function shellPart(info: JobInfo): { text: string; shell: ShellCommand } {
  let part = shellParts.get(info);
  if (!part) {
    const cut = unescapedPercents(info.command)[0];
    const text = cut === undefined ? info.command : info.command.slice(0, cut);
    part = { text, shell: readShell(text) };
    shellParts.set(info, part);
  }
  return part;
}

/** Per job of one check: eight rules ask for the same command's tokens (a 64 KiB command was read eight times). */
const shellParts = new WeakMap<JobInfo, { text: string; shell: ShellCommand }>();

/** The value of an environment variable as cron hands it to the job (the last line above it that sets it). */
export function envValue(info: JobInfo, name: string): string | undefined {
  let value: string | undefined;
  for (const e of info.env) if (e.key === name) value = e.value;
  return value;
}

/** cron's PATH when no PATH= line sets one (Debian's and cronie's _PATH_DEFPATH). */
export const defaultPath = "/usr/bin:/bin";

/**
 * Whether the job's shell understands bash syntax: SHELL=.../bash, or cron's
 * default /bin/sh under cronie (whose distributions link /bin/sh to bash;
 * Debian's is dash).
 */
export function runsUnderBash(info: JobInfo, dialect: Dialect): boolean {
  const shell = envValue(info, "SHELL") ?? "/bin/sh";
  return /(^|\/)bash$/.test(shell) || (dialect === "cronie" && shell === "/bin/sh");
}
