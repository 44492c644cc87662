import type { ChildProcess } from "node:child_process";
import { checkUnitName, RemoteError, shq } from "./names.js";
import { frameScript, type SshTransport, shellLauncher, sshFailure, sudoFailure } from "./ssh.js";
import type { JournalEntry, Scope } from "./types.js";

export interface JournalOptions {
  scope: Scope;
  sudo: boolean;
  lines: number;
  where: string;
  user?: string;
}

function text(v: unknown): string {
  if (typeof v === "string") return v;
  // journald sends binary or non-UTF-8 fields as an array of bytes.
  if (Array.isArray(v) && v.every((b) => typeof b === "number")) return Buffer.from(v as number[]).toString("utf8");
  return v === undefined || v === null ? "" : String(v);
}

/** One line of `journalctl -o json`, or undefined for anything else. */
export function parseJournalLine(line: string): JournalEntry | undefined {
  if (!line.startsWith("{")) return undefined;
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const us = Number(text(o.__REALTIME_TIMESTAMP));
  const ms = Math.floor(us / 1000);
  const iso = Number.isFinite(ms) ? new Date(ms).toISOString().replace(/\.(\d{3})Z$/, `.$1${String(us % 1000).padStart(3, "0")}Z`) : "";
  const p = Number(text(o.PRIORITY));
  return {
    time: iso,
    priority: Number.isInteger(p) && p >= 0 && p <= 7 ? p : 6,
    message: text(o.MESSAGE),
    identifier: text(o.SYSLOG_IDENTIFIER) || text(o._COMM),
    pid: Number(text(o._PID)) || 0,
    cursor: text(o.__CURSOR),
  };
}

/**
 * The remote command for the journal of a unit. When following, the command
 * ends when our stdin closes (the ssh session ended), so closing the log
 * view leaves no journalctl behind on the host.
 */
export function journalCommand(unit: string, opts: JournalOptions, follow: boolean): { command: string; script: string } {
  checkUnitName(unit);
  if (!Number.isInteger(opts.lines) || opts.lines < 0 || opts.lines > 100000) throw new RemoteError("protocol", "-n takes 0..100000");
  const base = `journalctl ${opts.scope === "user" ? "--user " : ""}--unit=${shq(unit)} -o json -n ${opts.lines} --no-pager`;
  const script = follow ? `${base} -f </dev/null & j=$!; cat >/dev/null; kill $j 2>/dev/null; wait $j 2>/dev/null; exit 0` : base;
  return { command: shellLauncher(opts.scope !== "user" && opts.sudo), script: frameScript(script) };
}

/** The last `lines` entries of the unit's journal. */
export async function readJournal(transport: SshTransport, unit: string, opts: JournalOptions): Promise<JournalEntry[]> {
  const { command, script } = journalCommand(unit, opts, false);
  const res = await transport.run(command, { input: script });
  if (res.code === 255) throw sshFailure(transport.target, res.stderr);
  if (res.code !== 0 && res.code !== 1)
    throw (
      sudoFailure(opts.where, opts.user, res.stderr) ?? new RemoteError("ssh", `journalctl failed on ${opts.where}: ${res.stderr.trim()}`)
    );
  const sudo = sudoFailure(opts.where, opts.user, res.stderr);
  if (sudo) throw sudo;
  return res.stdout.split("\n").flatMap((l) => parseJournalLine(l) ?? []);
}

export interface JournalFollow {
  /** Resolves when following ended (stop() or the connection closed), with ssh's stderr. */
  done: Promise<{ code: number; stderr: string }>;
  stop(): void;
  child: ChildProcess;
}

/** Recent lines, then every new line, until stop(). */
export function followJournal(
  transport: SshTransport,
  unit: string,
  opts: JournalOptions,
  onEntry: (e: JournalEntry) => void,
): JournalFollow {
  const { command, script } = journalCommand(unit, opts, true);
  const child = transport.spawn(command);
  child.stdin?.on("error", () => {});
  child.stdin?.write(script);
  let pending = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8");
  child.stdout?.on("data", (chunk: string) => {
    pending += chunk;
    let nl = pending.indexOf("\n");
    while (nl >= 0) {
      const e = parseJournalLine(pending.slice(0, nl));
      if (e) onEntry(e);
      pending = pending.slice(nl + 1);
      nl = pending.indexOf("\n");
    }
  });
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (c: string) => {
    stderr += c;
  });
  child.stdin?.on("error", () => {});
  const done = new Promise<{ code: number; stderr: string }>((resolve) => {
    child.on("exit", (code) => resolve({ code: code ?? 0, stderr }));
    child.on("error", (e) => resolve({ code: 255, stderr: e.message }));
  });
  return {
    child,
    done,
    stop: () => {
      // Closing stdin ends the remote side cleanly; the kill is for a dead connection.
      child.stdin?.end();
      setTimeout(() => child.exitCode === null && child.kill("SIGTERM"), 2000).unref();
    },
  };
}
